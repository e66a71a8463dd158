/**
 * Ids from the built-in catalogue (`GET /v2/avatars`, `GET /v2/voices`, SPEC §9) that the
 * HeyGen guide's examples use, and that the one-call helpers take when none is given.
 */
export const DEFAULT_AVATAR_ID = 'josh_lite3_20230714';

/** The guide's voice: an English narrator. */
export const DEFAULT_VOICE_ID = '1bd001e7e50f421d891986aad5158bc8';
