import type { FileType } from '@heygen-assets/core';
import type { Catalog } from '../catalog/catalog.js';
import { problemsError, type RequestProblem } from './request-problems.js';
import type { VideoRequest } from './video-request.js';

/** A place in the request that names an asset, and the kind of file it must be. */
interface AssetReference {
  path: string;
  role: string;
  fileType: FileType;
  /** The id, or the URL the request gave. */
  value: string;
  /** Writes the resolved id back into the request. */
  set(id: string): void;
}

/**
 * Checks every asset the request names (SPEC §9): by id or by this server's files URL, in the
 * caller's space, completed, of the right `file_type`. Returns the request with every reference
 * written as an asset id, so a render never parses URLs; refuses it naming every bad reference.
 */
export async function resolveAssetReferences(
  request: VideoRequest,
  spaceId: string,
  catalog: Catalog,
  publicUrl: string,
): Promise<VideoRequest> {
  const resolved = structuredClone(request);
  const problems: RequestProblem[] = [];
  let external = 0;

  for (const reference of assetReferences(resolved)) {
    const id = idFromReference(reference.value, publicUrl);
    if (id === undefined) {
      external++;
      problems.push({
        path: reference.path,
        message:
          `${reference.value} is not a files URL of this server; fetching other hosts is not ` +
          'supported yet: upload the file first and name the asset by id',
      });
      continue;
    }
    const problem = await checkAsset(catalog, spaceId, id, reference);
    if (problem) problems.push({ path: reference.path, message: problem });
    else reference.set(id);
  }

  if (problems.length === 0) return resolved;
  const code = external === problems.length ? 'external_url_not_supported' : 'asset_not_usable';
  throw problemsError(code, problems);
}

async function checkAsset(
  catalog: Catalog,
  spaceId: string,
  id: string,
  reference: AssetReference,
): Promise<string | undefined> {
  const asset = await catalog.findAssetInSpace(spaceId, id);
  if (!asset) return `asset ${id} does not exist in this space`;
  if (asset.status !== 'completed') {
    return `asset ${id} is ${asset.status}, not completed: finish its upload first`;
  }
  if (asset.fileType !== reference.fileType) {
    return (
      `asset ${id} is ${asset.fileType} (${asset.mimeType}), but ${reference.role} ` +
      `needs ${reference.fileType === 'image' ? 'an' : 'a'} ${reference.fileType}`
    );
  }
  return undefined;
}

/** The asset id a reference names, or undefined for a URL of another host. */
function idFromReference(value: string, publicUrl: string): string | undefined {
  if (/^[0-9a-f]{32}$/.test(value)) return value;
  const prefix = `${publicUrl}/asset/`;
  if (!value.startsWith(prefix)) return undefined;
  const match = /^([0-9a-f]{32})(\.[a-z0-9]{1,5})?$/.exec(value.slice(prefix.length));
  return match?.[1];
}

function assetReferences(request: VideoRequest): AssetReference[] {
  const references: AssetReference[] = [];
  request.video_inputs.forEach((scene, index) => {
    const at = `video_inputs[${index}]`;
    const { character, voice, background } = scene;
    if (character.type === 'talking_photo') {
      references.push({
        path: `${at}.character.talking_photo_id`,
        role: 'a talking photo',
        fileType: 'image',
        value: character.talking_photo_id,
        set: (id) => {
          character.talking_photo_id = id;
        },
      });
    }
    if (voice.type === 'audio') {
      const key = voice.audio_asset_id ? 'audio_asset_id' : 'audio_url';
      references.push({
        path: `${at}.voice.${key}`,
        role: 'an audio voice',
        fileType: 'audio',
        value: voice.audio_asset_id ?? voice.audio_url ?? '',
        set: (id) => {
          voice.audio_asset_id = id;
          delete voice.audio_url;
        },
      });
    }
    if (background.type === 'image' || background.type === 'video') {
      const idKey = background.type === 'image' ? 'image_asset_id' : 'video_asset_id';
      const givenId =
        background.type === 'image' ? background.image_asset_id : background.video_asset_id;
      references.push({
        path: `${at}.background.${givenId ? idKey : 'url'}`,
        role: `${background.type === 'image' ? 'an image' : 'a video'} background`,
        fileType: background.type,
        value: givenId ?? background.url ?? '',
        set: (id) => {
          if (background.type === 'image') background.image_asset_id = id;
          else background.video_asset_id = id;
          delete background.url;
        },
      });
    }
  });
  return references;
}
