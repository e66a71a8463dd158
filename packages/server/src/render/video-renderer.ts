import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { redactUrl } from '@heygen-assets/core';
import type { BlobStore } from '../blobs/blob-store.js';
import type { Catalog } from '../catalog/catalog.js';
import type { VideoFile } from '../catalog/records.js';
import type { ExternalMedia } from '../fetch/external-media.js';
import { SourceFetchError } from '../fetch/source-fetch-error.js';
import type { JobContext } from '../jobs/job-handler.js';
import {
  type ExternalReference,
  fetchExternalReferences,
  fetchedSourceKey,
} from '../video/asset-references.js';
import { findAvatar } from '../video/avatar-catalogue.js';
import { type VideoRequest, type VideoScene, videoRequestSchema } from '../video/video-request.js';
import { thumbnailBlobKey, videoBlobKey } from '../video/video-urls.js';
import { findVoice } from '../video/voice-catalogue.js';
import { characterLayer } from './character-layer.js';
import { ffmpegPath } from './ffmpeg-path.js';
import type { FrameSize } from './frame-size.js';
import { RenderError } from './render-error.js';
import { runTool } from './run-tool.js';
import { type SceneInputs, sceneArgs } from './scene-video.js';
import { synthesizeSpeech } from './speech.js';
import { stillFrame } from './still-background.js';
import { wavDurationSeconds } from './wav-duration.js';

/** Largest render stored, in bytes: far above any real render, a guard against a runaway one. */
const MAX_RENDER_BYTES = 8 * 1024 ** 3;

/** Where in the video the thumbnail frame is taken, in seconds (earlier for short videos). */
const THUMBNAIL_AT_SECONDS = 1;

/**
 * Renders a video (SPEC §9): each scene from its background, character and voice into H.264/AAC
 * at the requested size and as long as its voice; the scenes joined in order; a JPEG thumbnail.
 * Work happens in a temporary directory that is removed whatever happens.
 */
export class VideoRenderer {
  readonly #catalog: Catalog;
  readonly #blobs: BlobStore;
  readonly #externalMedia: ExternalMedia;

  constructor(catalog: Catalog, blobs: BlobStore, externalMedia: ExternalMedia) {
    this.#catalog = catalog;
    this.#blobs = blobs;
    this.#externalMedia = externalMedia;
  }

  /**
   * The `render_video` job. A render that cannot succeed (tool missing or failing, asset gone)
   * marks the video failed and ends the job; anything else is retried, and marks the video
   * failed on the last attempt, so no video stays `processing`.
   */
  async run(videoId: string, { job, log, signal }: JobContext): Promise<void> {
    const video = await this.#catalog.startVideo(videoId);
    if (!video) return;

    const started = performance.now();
    try {
      const stored = parseStoredRequest(video.request);
      const fetched = { ...video.fetchedSources };
      const at = { videoId, spaceId: video.spaceId, log, signal };
      const request = await fetchExternalReferences(stored, async (url, reference) => {
        const key = fetchedSourceKey(url, reference);
        const earlier = fetched[key];
        if (earlier && (await this.#stillUsable(video.spaceId, earlier))) return earlier;
        const id = await this.#fetchAsset(url, reference, at);
        fetched[key] = id;
        // Kept after each fetch, so a render retried after a crash does not fetch it again.
        await this.#catalog.recordFetchedSources(videoId, fetched);
        return id;
      });
      const rendered = await this.#render(videoId, request, signal);
      await this.#catalog.completeVideo(videoId, { ...rendered, completedAt: new Date() });
      const renderMs = Math.round(performance.now() - started);
      log.info({ videoId, durationSeconds: rendered.durationSeconds, renderMs }, 'video rendered');
    } catch (error) {
      if (signal.aborted) throw error;
      const lastAttempt = job.attempts >= job.maxAttempts;
      if (!(error instanceof RenderError) && !lastAttempt) throw error;

      const failure =
        error instanceof RenderError
          ? { code: error.code, message: error.message, detail: error.detail }
          : { code: 'render_failed', message: 'The render failed.', detail: String(error) };
      await this.#catalog.failVideo(videoId, failure);
      log.warn({ videoId, code: failure.code, err: error }, 'video failed');
    }
  }

  /** Whether an asset an earlier attempt fetched is still there to render from. */
  async #stillUsable(spaceId: string, assetId: string): Promise<boolean> {
    const asset = await this.#catalog.findAssetInSpace(spaceId, assetId);
    return asset?.status === 'completed';
  }

  /**
   * An external URL of the request as an asset of the video's space. A refused URL, source or
   * file fails the render at once, its code and message (with the request path) on the video.
   */
  async #fetchAsset(
    url: string,
    reference: ExternalReference,
    at: { videoId: string; spaceId: string; log: JobContext['log']; signal: AbortSignal },
  ): Promise<string> {
    const started = performance.now();
    try {
      const asset = await this.#externalMedia.fetchAsset(url, reference, at.spaceId, at.signal);
      const fetchMs = Math.round(performance.now() - started);
      const { videoId } = at;
      const fetched = { videoId, assetId: asset.id, sizeBytes: asset.sizeBytes, fetchMs };
      at.log.info({ ...fetched, url: redactUrl(new URL(url)) }, 'external media fetched');
      return asset.id;
    } catch (error) {
      if (!(error instanceof SourceFetchError)) throw error;
      const message = `${reference.path}: ${error.message}`;
      throw new RenderError(error.code, message, error.hint ?? '', { cause: error });
    }
  }

  async #render(videoId: string, request: VideoRequest, signal: AbortSignal) {
    const directory = await mkdtemp(join(tmpdir(), 'heygen-assets-render-'));
    try {
      const frame = request.dimension;
      const scenePaths: string[] = [];
      let durationSeconds = 0;
      for (const [index, scene] of request.video_inputs.entries()) {
        const inputs = await this.#sceneInputs(scene, frame, directory, index, signal);
        const output = join(directory, `scene-${index}.mp4`);
        await runTool(ffmpegPath(), sceneArgs(inputs, output), signal);
        scenePaths.push(output);
        durationSeconds += inputs.durationSeconds;
      }

      const videoPath = await joinScenes(scenePaths, directory, signal);
      const thumbnailPath = join(directory, 'thumbnail.jpg');
      const at = Math.min(THUMBNAIL_AT_SECONDS, durationSeconds / 2).toFixed(3);
      const thumbArgs = ['-y', '-ss', at, '-i', videoPath, '-frames:v', '1', '-q:v', '3'];
      await runTool(ffmpegPath(), [...thumbArgs, thumbnailPath], signal);

      return {
        video: await this.#store(videoPath, videoBlobKey(videoId)),
        thumbnail: await this.#store(thumbnailPath, thumbnailBlobKey(videoId)),
        durationSeconds: Math.round(durationSeconds * 1000) / 1000,
      };
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  }

  async #sceneInputs(
    scene: VideoScene,
    frame: FrameSize,
    directory: string,
    index: number,
    signal: AbortSignal,
  ): Promise<SceneInputs> {
    const voice = await this.#voiceAudio(scene.voice, directory, index, signal);
    const { character, background } = scene;
    const photoPath =
      character.type === 'talking_photo'
        ? await this.#copyAsset(character.talking_photo_id, directory, `photo-${index}`)
        : undefined;
    const avatar = character.type === 'avatar' ? findAvatar(character.avatar_id) : undefined;
    const layer = await characterLayer(character, frame, { avatar, photoPath });

    if (background.type === 'video') {
      const videoId = background.video_asset_id ?? '';
      const path = await this.#copyAsset(videoId, directory, `background-${index}`);
      const characterPath = join(directory, `character-${index}.png`);
      await writeFile(characterPath, layer);
      const videoSeconds = (await this.#assetDuration(videoId)) ?? voice.durationSeconds;
      return {
        frame,
        ...voice,
        video: { path, durationSeconds: videoSeconds, background, characterPath },
      };
    }

    const imagePath =
      background.type === 'image'
        ? await this.#copyAsset(background.image_asset_id ?? '', directory, `background-${index}`)
        : undefined;
    const stillPath = join(directory, `frame-${index}.png`);
    await writeFile(stillPath, await stillFrame(background, frame, imagePath, layer));
    return { frame, ...voice, stillPath };
  }

  /** The scene's voice as a file (none for silence) and its length, which is the scene's. */
  async #voiceAudio(
    voice: VideoScene['voice'],
    directory: string,
    index: number,
    signal: AbortSignal,
  ): Promise<{ audioPath: string | undefined; durationSeconds: number }> {
    if (voice.type === 'silence') return { audioPath: undefined, durationSeconds: voice.duration };

    if (voice.type === 'audio') {
      const id = voice.audio_asset_id ?? '';
      const audioPath = await this.#copyAsset(id, directory, `voice-${index}`);
      const durationSeconds = await this.#assetDuration(id);
      if (!durationSeconds) {
        throw new RenderError('render_failed', `The audio asset ${id} has no known duration.`);
      }
      return { audioPath, durationSeconds };
    }

    const synth = findVoice(voice.voice_id)?.synth;
    if (!synth) throw new RenderError('render_failed', `Unknown voice ${voice.voice_id}.`);
    const request = { text: voice.input_text, voice: synth, speed: voice.speed };
    const audioPath = await synthesizeSpeech(
      { ...request, pitchShift: voice.pitch },
      directory,
      `speech-${index}`,
      signal,
    );
    return { audioPath, durationSeconds: await wavDurationSeconds(audioPath) };
  }

  async #assetDuration(assetId: string): Promise<number | undefined> {
    return (await this.#catalog.findAsset(assetId))?.facts?.durationSeconds;
  }

  /** Copies a completed asset's bytes into the work directory; a vanished asset fails the render. */
  async #copyAsset(assetId: string, directory: string, name: string): Promise<string> {
    const asset = await this.#catalog.findAsset(assetId);
    if (asset?.status !== 'completed' || !asset.blobKey) {
      throw new RenderError(
        'asset_unavailable',
        `The asset ${assetId} was deleted or is no longer completed.`,
      );
    }
    const path = join(directory, name);
    await pipeline(await this.#blobs.read(asset.blobKey), createWriteStream(path));
    return path;
  }

  async #store(path: string, key: string): Promise<VideoFile> {
    const temp = await this.#blobs.writeTemp(createReadStream(path), {
      maxBytes: MAX_RENDER_BYTES,
    });
    await this.#blobs.commit(temp, key);
    return { blobKey: key, sizeBytes: temp.sizeBytes, sha256: temp.sha256 };
  }
}

/** Scenes rendered to the same codec settings join without re-encoding (concat demuxer). */
async function joinScenes(
  scenePaths: readonly string[],
  directory: string,
  signal: AbortSignal,
): Promise<string> {
  const listPath = join(directory, 'scenes.txt');
  await writeFile(listPath, scenePaths.map((path) => `file '${path}'\n`).join(''));
  const output = join(directory, 'video.mp4');
  const args = ['-y', '-f', 'concat', '-safe', '0', '-i', listPath, '-c', 'copy'];
  await runTool(ffmpegPath(), [...args, '-movflags', '+faststart', output], signal);
  return output;
}

function parseStoredRequest(stored: unknown): VideoRequest {
  const parsed = videoRequestSchema.safeParse(stored);
  if (parsed.success) return parsed.data;
  throw new RenderError(
    'render_failed',
    'The stored request no longer matches the video schema.',
    parsed.error.message,
  );
}
