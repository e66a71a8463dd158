import type { FastifyInstance } from 'fastify';
import type { RouteDoc } from '../../http/openapi/route-doc.js';
import { AVATARS } from '../../video/avatar-catalogue.js';
import { avatarListSchema, v2Data, voiceListSchema } from '../../video/video-schemas.js';
import { VOICES } from '../../video/voice-catalogue.js';

/** `GET /v2/avatars` and `GET /v2/voices` (SPEC §9): the built-in catalogue. */
export function catalogueRoutes(app: FastifyInstance): void {
  app.get('/v2/avatars', { config: { dialect: 'v2', auth: true, openapi: AVATARS_DOC } }, () => ({
    error: null,
    data: {
      avatars: AVATARS.map((avatar) => ({
        avatar_id: avatar.avatarId,
        avatar_name: avatar.name,
        gender: avatar.gender,
        preview_image_url: null,
        preview_video_url: null,
        default_voice_id: avatar.defaultVoiceId,
      })),
      talking_photos: [],
    },
  }));

  app.get('/v2/voices', { config: { dialect: 'v2', auth: true, openapi: VOICES_DOC } }, () => ({
    error: null,
    data: {
      voices: VOICES.map((voice) => ({
        voice_id: voice.voiceId,
        name: voice.name,
        language: voice.language,
        gender: voice.gender,
        preview_audio: null,
        support_pause: false,
        emotion_support: false,
      })),
    },
  }));
}

const AVATARS_DOC: RouteDoc = {
  operationId: 'listAvatars',
  summary: 'The built-in avatars',
  description: 'Each is rendered as a presenter card; `josh_lite3_20230714` is among them.',
  responses: { 200: { description: 'The avatars.', body: v2Data(avatarListSchema) } },
  errors: {},
};

const VOICES_DOC: RouteDoc = {
  operationId: 'listVoices',
  summary: 'The built-in voices',
  description:
    'Each is spoken offline by eSpeak NG; `1bd001e7e50f421d891986aad5158bc8` is among them.',
  responses: { 200: { description: 'The voices.', body: v2Data(voiceListSchema) } },
  errors: {},
};
