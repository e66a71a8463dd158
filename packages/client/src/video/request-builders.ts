import { AssetError } from '@heygen-assets/core';
import { definedFields } from './defined-fields.js';
import type {
  VideoBackground,
  VideoCharacter,
  VideoDimension,
  VideoRequest,
  VideoScene,
  VideoVoice,
} from './video-body.js';
import { videoDimension } from './video-dimension.js';

/** Most scenes one video may have (SPEC §9). */
export const MAX_SCENES = 50;

export interface SceneParts {
  character: VideoCharacter;
  voice: VideoVoice;
  /** Left out, the server paints the frame white. */
  background?: VideoBackground | undefined;
}

export interface VideoRequestOptions {
  /** Output size; checked here (even, 128–4096). Server default 1920×1080. */
  dimension?: VideoDimension | undefined;
  title?: string | undefined;
  callbackId?: string | undefined;
  test?: boolean | undefined;
}

/** One scene: `scene({ character: avatar(id), voice: textVoice('Hi'), background })`. */
export function scene(parts: SceneParts): VideoScene {
  return {
    character: parts.character,
    voice: parts.voice,
    ...definedFields({ background: parts.background }),
  };
}

/**
 * The body of `POST /v2/video/generate`: the scenes in the order they play, and the video's
 * options. The scene count and dimension are checked here; everything else by the server, which
 * reports every problem with its JSON path.
 */
export function videoRequest(
  scenes: VideoScene | readonly VideoScene[],
  options: VideoRequestOptions = {},
): VideoRequest {
  const list = Array.isArray(scenes) ? [...scenes] : [scenes as VideoScene];
  if (list.length === 0 || list.length > MAX_SCENES) {
    throw new AssetError(
      'invalid_request',
      `A video has 1 to ${MAX_SCENES} scenes, not ${list.length}.`,
      {
        param: 'video_inputs',
        hint: `Split a longer video into several of at most ${MAX_SCENES} scenes.`,
      },
    );
  }
  const { dimension } = options;

  return {
    video_inputs: list,
    ...definedFields({
      dimension: dimension && videoDimension(dimension.width, dimension.height),
      title: options.title,
      callback_id: options.callbackId,
      test: options.test,
    }),
  };
}
