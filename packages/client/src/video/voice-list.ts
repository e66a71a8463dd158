import { ResponseFields } from '../http/response-fields.js';
import type { Transport } from '../http/transport.js';
import { v3Get } from '../v3/v3-request.js';

/** One built-in voice as `GET /v2/voices` lists it (SPEC §9), in camelCase. */
export interface CatalogueVoice {
  voiceId: string;
  name: string;
  /** The language it speaks, by name (`English`). */
  language: string;
  /** `male` or `female` for the built-in ones; kept as sent for a HeyGen-compatible server. */
  gender: string;
  /** A sample of the voice; null when the server has none (the built-in ones have none). */
  previewAudio: string | null;
  /** Whether the voice honours pause marks in the script. */
  supportPause: boolean;
  /** Whether the voice takes an emotion. */
  emotionSupport: boolean;
}

/** `GET /v2/voices`: the voices a scene's text `voice_id` may name. */
export async function listVoices(
  transport: Transport,
  signal: AbortSignal | undefined,
): Promise<CatalogueVoice[]> {
  const request = v3Get(transport.baseUrl, 'v2/voices');
  const response = await transport.api(request, signal);
  const data = ResponseFields.parse(request, response).object('data');
  return data.objects('voices').map(readVoice);
}

function readVoice(fields: ResponseFields): CatalogueVoice {
  return {
    voiceId: fields.string('voice_id'),
    name: fields.string('name'),
    language: fields.string('language'),
    gender: fields.string('gender'),
    previewAudio: fields.isAbsent('preview_audio') ? null : fields.httpUrl('preview_audio'),
    supportPause: fields.boolean('support_pause'),
    emotionSupport: fields.boolean('emotion_support'),
  };
}
