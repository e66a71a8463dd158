import { AssetError, canonicalMediaType, type FileType, mediaTypeRule } from '@heygen-assets/core';
import type { UploadedAsset } from '../operations/put-upload.js';
import type { Asset } from '../v3/asset.js';
import { isAssetId } from './asset-reference.js';
import {
  colorBackground,
  imageBackground,
  isColor,
  videoBackground,
} from './background-builders.js';
import { DEFAULT_AVATAR_ID } from './catalogue-ids.js';
import { avatar, talkingPhoto } from './character-builders.js';
import { localFileType } from './local-file-type.js';
import { scene, videoRequest } from './request-builders.js';
import type {
  BackgroundFit,
  PlayStyle,
  VideoBackground,
  VideoCharacter,
  VideoDimension,
  VideoRequest,
  VideoVoice,
} from './video-body.js';
import { videoDimension } from './video-dimension.js';
import { audioVoice, textVoice } from './voice-builders.js';

/** The parts of a one-scene video, each either a local file (uploaded first) or an asset id. */
export interface ScriptParts {
  /**
   * A colour (`#rgb`, `#rrggbb`), the asset id of an image or video, or the path of a local
   * image or video file, which is uploaded (through `uploadFile` and its cache).
   */
  background: string;
  /** How an image or video background fills the frame; server default `cover`. */
  fit?: BackgroundFit | undefined;
  /** How a video background of another length plays; server default `loop`. */
  playStyle?: PlayStyle | undefined;
  /** Text to speak. Give exactly one of `script` and `audio`. */
  script?: string | undefined;
  /** An audio file's path (uploaded) or an audio asset id, played as the voice. */
  audio?: string | undefined;
  /** The voice speaking `script`. Default `DEFAULT_VOICE_ID`. */
  voiceId?: string | undefined;
  /** A built-in avatar. Default `DEFAULT_AVATAR_ID`, unless `photo` is given. */
  avatarId?: string | undefined;
  /** An image file's path (uploaded) or an image asset id, shown as a talking photo. */
  photo?: string | undefined;
  /** Output size; server default 1920×1080. */
  dimension?: VideoDimension | undefined;
  title?: string | undefined;
  /** Told about each local file once it is uploaded (or found in the cache). */
  onUpload?: ((role: ScriptRole, path: string, asset: UploadedAsset) => void) | undefined;
  signal?: AbortSignal | undefined;
}

/** Which part of the scene a file is. */
export type ScriptRole = 'background' | 'photo' | 'audio';

/** What building a request needs from the client. */
export interface ScriptClient {
  uploadFile(path: string, signal: AbortSignal | undefined): Promise<UploadedAsset>;
  getAsset(assetId: string, signal: AbortSignal | undefined): Promise<Asset>;
}

/** The file types each role takes (SPEC §9). */
const ROLE_TYPES: Record<ScriptRole, readonly FileType[]> = {
  background: ['image', 'video'],
  photo: ['image'],
  audio: ['audio'],
};

/**
 * The v2 body for one scene of `parts`. Everything that can be checked locally is checked
 * before any upload: the choices (one voice, one character, a script that is not blank, a
 * well-formed colour), the dimension, and each local file: a missing or directory path is a
 * `LocalFileError` naming its role, and a file's type comes from its bytes (an audio file as
 * background is refused here, by name). Then the local files are uploaded one after the other.
 */
export async function requestFromScript(
  parts: ScriptParts,
  client: ScriptClient,
): Promise<VideoRequest> {
  checkChoices(parts);
  for (const role of ['background', 'photo', 'audio'] as const) {
    await checkLocalFile(role, parts[role]);
  }
  const { dimension } = parts;
  if (dimension) videoDimension(dimension.width, dimension.height);

  const background = await backgroundOf(parts, client);
  const character = await characterOf(parts, client);
  const voice = await voiceOf(parts, client);
  return videoRequest(scene({ character, voice, background }), { dimension, title: parts.title });
}

function checkChoices(parts: ScriptParts): void {
  const hasScript = parts.script !== undefined;
  if (hasScript === (parts.audio !== undefined)) {
    throw choiceError('script', 'Give exactly one of script (text to speak) and audio (a file).');
  }
  if (hasScript && parts.script?.trim() === '') {
    throw choiceError('script', 'script is empty: give the text to speak.');
  }
  if (parts.background.startsWith('#') && !isColor(parts.background)) {
    throw new AssetError(
      'invalid_request',
      `background: ${parts.background} is not a colour: give #rgb or #rrggbb (hex digits).`,
      { param: 'background', hint: 'A file whose name starts with # can be given as ./#name.' },
    );
  }
  if (parts.photo !== undefined && parts.avatarId !== undefined) {
    throw choiceError('avatarId', 'Give an avatar or a photo as the character, not both.');
  }
}

function choiceError(param: string, message: string): AssetError {
  return new AssetError('invalid_request', message, { param });
}

/** Refuses a local file of the wrong type before anything is uploaded. */
async function checkLocalFile(role: ScriptRole, value: string | undefined): Promise<void> {
  if (value === undefined || isAssetId(value) || (role === 'background' && isColor(value))) return;
  const fileType = await localFileType(role, value);
  if (fileType === undefined || ROLE_TYPES[role].includes(fileType)) return;

  throw wrongType(role, value, fileType);
}

function wrongType(role: ScriptRole, name: string, fileType: string): AssetError {
  const wanted = ROLE_TYPES[role].join(' or ');
  return new AssetError('asset_not_usable', `${role}: ${name} is ${fileType}, not ${wanted}.`, {
    param: role,
    hint: `Give an ${wanted} file or asset id as the ${role}.`,
  });
}

async function backgroundOf(parts: ScriptParts, client: ScriptClient): Promise<VideoBackground> {
  const { background } = parts;
  if (isColor(background)) return colorBackground(background);

  const { assetId, fileType } = isAssetId(background)
    ? await assetType(background, client, parts.signal)
    : await upload('background', background, parts, client);
  if (fileType === 'image') return imageBackground(assetId, { fit: parts.fit });
  if (fileType === 'video') {
    return videoBackground(assetId, { fit: parts.fit, playStyle: parts.playStyle });
  }
  throw wrongType('background', background, fileType ?? 'of no known type');
}

async function characterOf(parts: ScriptParts, client: ScriptClient): Promise<VideoCharacter> {
  const { photo } = parts;
  if (photo === undefined) return avatar(parts.avatarId ?? DEFAULT_AVATAR_ID);
  if (isAssetId(photo)) return talkingPhoto(photo);
  return talkingPhoto((await upload('photo', photo, parts, client)).assetId);
}

async function voiceOf(parts: ScriptParts, client: ScriptClient): Promise<VideoVoice> {
  const { audio, script } = parts;
  if (audio === undefined) return textVoice(script ?? '', { voiceId: parts.voiceId });
  if (isAssetId(audio)) return audioVoice(audio);
  return audioVoice((await upload('audio', audio, parts, client)).assetId);
}

/** An asset id's type, read from the server: a background's field depends on it. */
async function assetType(assetId: string, client: ScriptClient, signal: AbortSignal | undefined) {
  const asset = await client.getAsset(assetId, signal);
  return { assetId, fileType: asset.type };
}

async function upload(role: ScriptRole, path: string, parts: ScriptParts, client: ScriptClient) {
  const asset = await client.uploadFile(path, parts.signal);
  parts.onUpload?.(role, path, asset);
  const type = canonicalMediaType(asset.mimeType);
  return { assetId: asset.assetId, fileType: type && mediaTypeRule(type).fileType };
}
