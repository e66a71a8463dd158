import { type FileType, parseSourceUrl, UrlSourceError } from '@heygen-assets/core';
import type { Catalog } from '../catalog/catalog.js';
import { checkLiteralAddress } from '../fetch/source-policy.js';
import { problemsError, type RequestProblem } from './request-problems.js';
import type { VideoRequest } from './video-request.js';

/** An asset id as requests write it. */
const ASSET_ID = /^[0-9a-f]{32}$/;

/** What a reference of each file type needs, as the end of a sentence. */
const NEEDED_FILE: Record<FileType, string> = {
  image: 'an image',
  video: 'a video',
  audio: 'an audio file',
  pdf: 'a PDF',
  subtitle: 'a subtitle file',
};

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

/** Where external URLs may point, as far as a request can be checked without I/O. */
export interface ReferenceRules {
  /** This server's base URL: its files URLs name assets by id. */
  publicUrl: string;
  allowPrivateNetworks: boolean;
}

/** One refused reference, with the code it is refused under. */
interface ReferenceProblem extends RequestProblem {
  code: 'asset_not_usable' | 'unsupported_url' | 'forbidden_address';
  hint?: string | undefined;
}

/**
 * Checks every asset the request names (SPEC §9): by id or by this server's files URL, in the
 * caller's space, completed, of the right `file_type`. Returns the request with each of those
 * written as an asset id, so a render never parses them; refuses it naming every bad reference.
 * Any other URL is left for the render to fetch (`fetchExternalReferences`) once what can be
 * told without I/O passed: no credentials, no host written as a forbidden IP address.
 */
export async function resolveAssetReferences(
  request: VideoRequest,
  spaceId: string,
  catalog: Catalog,
  rules: ReferenceRules,
): Promise<VideoRequest> {
  const resolved = structuredClone(request);
  const problems: ReferenceProblem[] = [];

  for (const reference of assetReferences(resolved)) {
    const id = idFromReference(reference.value, rules.publicUrl);
    const problem =
      id === undefined
        ? externalUrlProblem(reference.value, rules)
        : await checkAsset(catalog, spaceId, id, reference);
    if (problem) problems.push({ path: reference.path, ...problem });
    else if (id !== undefined) reference.set(id);
  }

  if (problems.length === 0) return resolved;
  const [first] = problems;
  const shared = problems.every((problem) => problem.code === first?.code);
  throw problemsError(shared ? (first?.code ?? 'asset_not_usable') : 'asset_not_usable', problems, {
    hint: shared ? first?.hint : undefined,
  });
}

/** A place in a stored request that still names an external URL, handed to the fetch. */
export type ExternalReference = Pick<AssetReference, 'path' | 'role' | 'fileType'>;

/**
 * Fetches each external URL a stored request names into an asset (SPEC §9, under the rules of
 * SPEC §10) and writes its id in, so the render reads every input from an asset. A URL named
 * twice for the same kind of file is fetched once: `fetchAsset` is called once per
 * `fetchedSourceKey`.
 */
export async function fetchExternalReferences(
  request: VideoRequest,
  fetchAsset: (url: string, reference: ExternalReference) => Promise<string>,
): Promise<VideoRequest> {
  const resolved = structuredClone(request);
  const ids = new Map<string, string>();

  for (const reference of assetReferences(resolved)) {
    if (ASSET_ID.test(reference.value)) continue;
    const key = fetchedSourceKey(reference.value, reference);
    const id = ids.get(key) ?? (await fetchAsset(reference.value, reference));
    ids.set(key, id);
    reference.set(id);
  }
  return resolved;
}

/** What a fetched source is known by: the URL and the kind of file its place needs. */
export function fetchedSourceKey(url: string, reference: ExternalReference): string {
  return `${reference.fileType} ${url}`;
}

/** Why an external URL is refused before anything is fetched, if it is. */
function externalUrlProblem(
  value: string,
  rules: ReferenceRules,
): Omit<ReferenceProblem, 'path'> | undefined {
  if (value.startsWith(`${rules.publicUrl}/`)) {
    const message = `${value} is a URL of this server but not the files URL of an asset`;
    return { code: 'asset_not_usable', message };
  }
  try {
    checkLiteralAddress(parseSourceUrl(value), rules);
    return undefined;
  } catch (error) {
    if (!(error instanceof UrlSourceError)) throw error;
    const code = error.code === 'forbidden_address' ? error.code : 'unsupported_url';
    return { code, message: error.message.replace(/\.$/, ''), hint: error.hint };
  }
}

async function checkAsset(
  catalog: Catalog,
  spaceId: string,
  id: string,
  reference: AssetReference,
): Promise<Omit<ReferenceProblem, 'path'> | undefined> {
  const message = await assetProblem(catalog, spaceId, id, reference);
  return message === undefined ? undefined : { code: 'asset_not_usable', message };
}

async function assetProblem(
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
      `needs ${NEEDED_FILE[reference.fileType]}`
    );
  }
  return undefined;
}

/** The asset id a reference names, or undefined for a URL of another host. */
function idFromReference(value: string, publicUrl: string): string | undefined {
  if (ASSET_ID.test(value)) return value;
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
