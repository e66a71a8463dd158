/** A built-in presenter: rendered as a card in its colour with its initials (SPEC §9). */
export interface Avatar {
  avatarId: string;
  name: string;
  gender: 'male' | 'female';
  /** Card colour, `#rrggbb`. */
  cardColor: string;
  /** The voice a client may pair with it; listed, never imposed. */
  defaultVoiceId: string;
}

/** The built-in avatars; the guide's examples use `josh_lite3_20230714`. */
export const AVATARS: readonly Avatar[] = [
  {
    avatarId: 'josh_lite3_20230714',
    name: 'Josh',
    gender: 'male',
    cardColor: '#2f5d8a',
    defaultVoiceId: '1bd001e7e50f421d891986aad5158bc8',
  },
  {
    avatarId: 'amira_studio_20240301',
    name: 'Amira',
    gender: 'female',
    cardColor: '#8a3f6b',
    defaultVoiceId: 'f3c1a6b2d54e4c0f9a7b8e2d1c6f5a40',
  },
  {
    avatarId: 'leo_casual_20240301',
    name: 'Leo',
    gender: 'male',
    cardColor: '#3d7a4f',
    defaultVoiceId: '7a2e9d4c1b8f4e6a9c3d5b0e8f1a2c7d',
  },
];

export function findAvatar(avatarId: string): Avatar | undefined {
  return AVATARS.find((avatar) => avatar.avatarId === avatarId);
}

/** Up to two capitals from the name, for the card. */
export function avatarInitials(avatar: Avatar): string {
  const words = avatar.name.split(/\s+/).filter(Boolean);
  return words
    .slice(0, 2)
    .map((word) => word[0]?.toUpperCase() ?? '')
    .join('');
}
