import { ResponseFields } from '../http/response-fields.js';
import type { Transport } from '../http/transport.js';
import { v3Get } from '../v3/v3-request.js';

/** One built-in avatar as `GET /v2/avatars` lists it (SPEC §9), in camelCase. */
export interface CatalogueAvatar {
  avatarId: string;
  avatarName: string;
  /** `male` or `female` for the built-in ones; kept as sent for a HeyGen-compatible server. */
  gender: string;
  /** An image of the avatar; null when the server has none (the built-in cards have none). */
  previewImageUrl: string | null;
  /** A clip of the avatar; null when the server has none. */
  previewVideoUrl: string | null;
  /** The voice the server pairs with it; a suggestion, never imposed. */
  defaultVoiceId: string | null;
}

/** `GET /v2/avatars`: the avatars a scene's `avatar_id` may name. */
export async function listAvatars(
  transport: Transport,
  signal: AbortSignal | undefined,
): Promise<CatalogueAvatar[]> {
  const request = v3Get(transport.baseUrl, 'v2/avatars');
  const response = await transport.api(request, signal);
  const data = ResponseFields.parse(request, response).object('data');
  return data.objects('avatars').map(readAvatar);
}

function readAvatar(fields: ResponseFields): CatalogueAvatar {
  return {
    avatarId: fields.string('avatar_id'),
    avatarName: fields.string('avatar_name'),
    gender: fields.string('gender'),
    previewImageUrl: fields.isAbsent('preview_image_url')
      ? null
      : fields.httpUrl('preview_image_url'),
    previewVideoUrl: fields.isAbsent('preview_video_url')
      ? null
      : fields.httpUrl('preview_video_url'),
    defaultVoiceId: fields.nullableString('default_voice_id'),
  };
}
