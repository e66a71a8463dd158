import { z } from 'zod';

/** `{error: null, data}`: a v2 success (SPEC §9). */
export function v2Data(data: z.ZodType) {
  return z.object({ error: z.null(), data });
}

export const generatedVideoSchema = z.object({ video_id: z.string() });

export const videoStatusSchema = z.object({
  code: z.literal(100),
  message: z.literal('Success'),
  data: z.object({
    id: z.string(),
    status: z.enum(['pending', 'processing', 'completed', 'failed']),
    video_url: z.string().nullable(),
    thumbnail_url: z.string().nullable(),
    duration: z.number().nullable().meta({ description: 'Seconds, once completed.' }),
    created_at: z.int().meta({ description: 'Unix time, seconds.' }),
    callback_id: z.string().nullable(),
    title: z.string().nullable(),
    error: z.object({ code: z.string(), message: z.string(), detail: z.string() }).nullable(),
  }),
});

export const videoStatusQuery = z.object({
  video_id: z.string().meta({ description: 'The id `POST /v2/video/generate` returned.' }),
});

export const avatarListSchema = z.object({
  avatars: z.array(
    z.object({
      avatar_id: z.string(),
      avatar_name: z.string(),
      gender: z.enum(['male', 'female']),
      preview_image_url: z.null(),
      preview_video_url: z.null(),
      default_voice_id: z.string(),
    }),
  ),
  talking_photos: z.array(z.never()).meta({
    description: 'Always empty: a talking photo is any uploaded image, named by its asset id.',
  }),
});

export const voiceListSchema = z.object({
  voices: z.array(
    z.object({
      voice_id: z.string(),
      name: z.string(),
      language: z.string(),
      gender: z.enum(['male', 'female']),
      preview_audio: z.null(),
      support_pause: z.boolean(),
      emotion_support: z.boolean(),
    }),
  ),
});

export const videoFileParams = z.object({
  file: z.string().meta({ description: '`{video_id}.mp4` or `{video_id}.jpg` (the thumbnail).' }),
});
