import { z } from 'zod';
import { findAvatar } from './avatar-catalogue.js';
import { findVoice } from './voice-catalogue.js';

/** Scenes one request may hold (SPEC §9). */
export const MAX_SCENES = 50;
/** Longest text one scene may speak, in characters. */
export const MAX_INPUT_TEXT_CHARS = 5000;
/** Smallest and largest output side, in pixels; both sides must be even (H.264 4:2:0). */
export const MIN_DIMENSION_PX = 128;
export const MAX_DIMENSION_PX = 4096;
/** Longest silence one scene may hold, in seconds. */
export const MAX_SILENCE_SECONDS = 100;

/**
 * The message of a tagged union's refusal: a missing field is named as required, a value that is
 * not an object as such, and an object with an unknown `type` by the types there are.
 */
function unionError(what: string, types: string) {
  return (issue: { code?: string; input?: unknown }): string => {
    if (issue.input === undefined) return `required — ${what}`;
    if (issue.code === 'invalid_type') return `must be ${what}, an object with type ${types}`;
    return `type must be ${types}`;
  };
}

const assetId = z.string().regex(/^[0-9a-f]{32}$/, 'must be an asset id (32 lower-case hex)');
const mediaUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
const scale = z.number().positive().max(5).default(1);
const offset = z
  .object({ x: z.number().min(-1).max(1).default(0), y: z.number().min(-1).max(1).default(0) })
  .default({ x: 0, y: 0 });

const avatarCharacter = z.object({
  type: z.literal('avatar'),
  avatar_id: z.string().refine((id) => findAvatar(id) !== undefined, {
    error: 'is not a built-in avatar (GET /v2/avatars lists them)',
  }),
  avatar_style: z.enum(['normal', 'circle', 'closeUp']).default('normal'),
  scale,
  offset,
});

const talkingPhotoCharacter = z.object({
  type: z.literal('talking_photo'),
  talking_photo_id: assetId,
  talking_photo_style: z.enum(['square', 'circle']).default('square'),
  scale,
  offset,
});

const character = z.discriminatedUnion('type', [avatarCharacter, talkingPhotoCharacter], {
  error: unionError('an avatar or talking_photo character', 'avatar or talking_photo'),
});

const textVoice = z.object({
  type: z.literal('text'),
  voice_id: z.string().refine((id) => findVoice(id) !== undefined, {
    error: 'is not a built-in voice (GET /v2/voices lists them)',
  }),
  input_text: z.string().trim().min(1).max(MAX_INPUT_TEXT_CHARS),
  speed: z.number().min(0.5).max(1.5).default(1),
  pitch: z.number().int().min(-50).max(50).default(0),
});

const audioVoice = z.object({
  type: z.literal('audio'),
  audio_url: mediaUrl.optional(),
  audio_asset_id: assetId.optional(),
});

const silenceVoice = z.object({
  type: z.literal('silence'),
  duration: z.number().min(1).max(MAX_SILENCE_SECONDS).default(1),
});

const voice = z.discriminatedUnion('type', [textVoice, audioVoice, silenceVoice], {
  error: unionError('a text, audio or silence voice', 'text, audio or silence'),
});

const fit = z.enum(['cover', 'contain', 'crop', 'none']).default('cover');

const colorBackground = z.object({
  type: z.literal('color'),
  value: z.string().regex(/^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, 'must be #rgb or #rrggbb'),
});

const imageBackground = z.object({
  type: z.literal('image'),
  url: mediaUrl.optional(),
  image_asset_id: assetId.optional(),
  fit,
});

const videoBackground = z.object({
  type: z.literal('video'),
  url: mediaUrl.optional(),
  video_asset_id: assetId.optional(),
  play_style: z.enum(['loop', 'freeze', 'fit_to_scene', 'once']).default('loop'),
  fit,
});

const background = z.discriminatedUnion(
  'type',
  [colorBackground, imageBackground, videoBackground],
  { error: unionError('a color, image or video background', 'color, image or video') },
);

const videoInput = z
  .object({
    character,
    voice,
    background: background.default({ type: 'color', value: '#ffffff' }),
  })
  .superRefine((scene, context) => {
    exactlyOne(context, ['voice'], scene.voice.type === 'audio' && scene.voice, [
      'audio_url',
      'audio_asset_id',
    ]);
    const { background } = scene;
    if (background.type === 'image') {
      exactlyOne(context, ['background'], background, ['url', 'image_asset_id']);
    }
    if (background.type === 'video') {
      exactlyOne(context, ['background'], background, ['url', 'video_asset_id']);
    }
  });

const side = z
  .number()
  .int()
  .min(MIN_DIMENSION_PX)
  .max(MAX_DIMENSION_PX)
  .refine((value) => value % 2 === 0, { error: 'must be even' });

/** The body of `POST /v2/video/generate` (SPEC §9); unknown fields are ignored. */
export const videoRequestSchema = z.object({
  video_inputs: z.array(videoInput).min(1).max(MAX_SCENES),
  dimension: z.object({ width: side, height: side }).default({ width: 1920, height: 1080 }),
  title: z.string().max(255).optional(),
  callback_id: z.string().max(255).optional(),
  test: z.boolean().optional(),
});

export type VideoRequest = z.infer<typeof videoRequestSchema>;
export type VideoScene = VideoRequest['video_inputs'][number];

/** Adds an issue under `base` unless exactly one of `keys` is set on `value`. */
function exactlyOne(
  context: z.RefinementCtx,
  base: string[],
  value: false | Record<string, unknown>,
  keys: readonly string[],
): void {
  if (!value) return;
  const present = keys.filter((key) => value[key] !== undefined);
  if (present.length === 1) return;
  context.addIssue({
    code: 'custom',
    path: [...base, keys[keys.length - 1] ?? ''],
    message:
      present.length === 0
        ? `give one of ${keys.join(' or ')}`
        : `give only one of ${keys.join(' or ')}, not both`,
  });
}
