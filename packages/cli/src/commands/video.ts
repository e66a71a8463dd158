import {
  type CatalogueAvatar,
  type CatalogueVoice,
  checkDownloadPath,
  DEFAULT_VIDEO_WAIT_TIMEOUT_MS,
  type HeygenAssets,
  isColor,
  LocalFileError,
  parseVideoDimension,
  type ScriptParts,
  type VideoDimension,
  VideoFailedError,
  type VideoStatus,
  VideoWaitTimeoutError,
} from '@heygen-assets/client';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { EXIT_FAILURE, EXIT_OK, EXIT_TIMEOUT, type ExitCode } from '../exit-codes.js';
import { noCacheOption, retriesOption } from '../options/client-flags.js';
import { positiveSeconds } from '../options/parse-number-option.js';
import { timeoutOption } from '../options/timeout-option.js';
import { formatTime } from '../output/asset-output.js';
import { formatColumns } from '../output/columns.js';
import { describeError, type Problem } from '../output/describe-error.js';
import { formatBytes } from '../output/format-bytes.js';
import { ProgressBar } from '../output/progress-bar.js';
import { writeProblem } from '../output/write-problem.js';
import { clientFromEnv, retryNotices } from './client-from-env.js';
import { type ApiCommandOptions, runWithClient, writeJsonLine } from './run-with-client.js';

interface CreateOptions {
  background: string;
  avatar: string | undefined;
  photo: string | undefined;
  script: string | undefined;
  audio: string | undefined;
  voice: string | undefined;
  dimension: VideoDimension | undefined;
  title: string | undefined;
  wait: boolean;
  out: string | undefined;
  json: boolean;
  /** Longest wait for the render, in seconds. */
  timeout: number | undefined;
  retries: number | undefined;
  cache: boolean;
}

/** `heygen-assets video create|status|avatars|voices`: videos rendered from uploaded assets (SPEC §9). */
export function registerVideoCommand(program: Command): void {
  const video = program
    .command('video')
    .description('render videos from uploaded assets (HEYGEN_API_KEY, HEYGEN_API_BASE)');

  video
    .command('create')
    .description('render one scene: a character speaking over a background')
    .requiredOption('--background <file|asset|#rrggbb>', 'image or video file, asset id, or colour')
    .addOption(new Option('--avatar <id>', 'built-in avatar (default: josh_lite3_20230714)'))
    .addOption(
      new Option('--photo <file|asset>', 'image shown as a talking photo').conflicts('avatar'),
    )
    .addOption(new Option('--script <text>', 'text to speak'))
    .addOption(new Option('--audio <file|asset>', 'audio to play instead').conflicts('script'))
    .addOption(new Option('--voice <id>', 'voice speaking --script').conflicts('audio'))
    .addOption(
      new Option('--dimension <WxH>', 'output size (default: 1920x1080)').argParser(dimension),
    )
    .option('--title <text>', 'title stored with the video')
    .option('--wait', 'wait for the render, showing its status on stderr', false)
    .option('--out <file>', 'download the MP4 to this file (implies --wait)')
    .option('--json', 'results as JSON lines on stdout, errors as JSON on stderr', false)
    .addOption(
      new Option(
        '--timeout <seconds>',
        `with --wait, give up waiting after this long (default: ${DEFAULT_VIDEO_WAIT_TIMEOUT_MS / 1000})`,
      ).argParser(positiveSeconds),
    )
    .addOption(retriesOption())
    .addOption(noCacheOption())
    .action(async (options: CreateOptions, command: Command) => {
      if ((options.script === undefined) === (options.audio === undefined)) {
        command.error('error: give exactly one of --script TEXT and --audio FILE');
      }
      const usage = await usageProblem(options);
      if (usage !== undefined) command.error(`error: ${usage}`);
      process.exitCode = await create(options);
    });

  video
    .command('status')
    .description('show where a video render stands')
    .argument('<id>', 'video id')
    .option('--json', 'the status as one JSON object on stdout, nothing else', false)
    .addOption(timeoutOption())
    .action(async (id: string, options: ApiCommandOptions) => {
      process.exitCode = await runWithClient(options, async (client) => {
        showVideo(await client.videos.status(id), undefined, options.json);
        return EXIT_OK;
      });
    });

  video
    .command('avatars')
    .description('list the built-in avatars a scene may use (--avatar)')
    .option('--json', 'one JSON object per avatar and line on stdout, nothing else', false)
    .addOption(timeoutOption())
    .action(async (options: ApiCommandOptions) => {
      process.exitCode = await runWithClient(options, async (client) => {
        showCatalogue(await client.videos.avatars(), AVATAR_VIEW, options.json);
        return EXIT_OK;
      });
    });

  video
    .command('voices')
    .description('list the built-in voices a script may be spoken with (--voice)')
    .option('--json', 'one JSON object per voice and line on stdout, nothing else', false)
    .addOption(timeoutOption())
    .action(async (options: ApiCommandOptions) => {
      process.exitCode = await runWithClient(options, async (client) => {
        showCatalogue(await client.videos.voices(), VOICE_VIEW, options.json);
        return EXIT_OK;
      });
    });
}

/** A catalogue listing: the table's headings, a row per entry, and its JSON line. */
interface CatalogueView<T> {
  header: readonly string[];
  row: (item: T) => string[];
  /** The entry with the API's field names, as the server sent it. */
  json: (item: T) => Record<string, unknown>;
}

/** Shown in a table cell for a value the entry does not have. */
const NONE = '-';

const AVATAR_VIEW: CatalogueView<CatalogueAvatar> = {
  header: ['ID', 'NAME', 'GENDER', 'DEFAULT VOICE'],
  row: (avatar) => [
    avatar.avatarId,
    avatar.avatarName,
    avatar.gender,
    avatar.defaultVoiceId ?? NONE,
  ],
  json: (avatar) => ({
    avatar_id: avatar.avatarId,
    avatar_name: avatar.avatarName,
    gender: avatar.gender,
    preview_image_url: avatar.previewImageUrl,
    preview_video_url: avatar.previewVideoUrl,
    default_voice_id: avatar.defaultVoiceId,
  }),
};

const VOICE_VIEW: CatalogueView<CatalogueVoice> = {
  header: ['ID', 'NAME', 'LANGUAGE', 'GENDER'],
  row: (voice) => [voice.voiceId, voice.name, voice.language, voice.gender],
  json: (voice) => ({
    voice_id: voice.voiceId,
    name: voice.name,
    language: voice.language,
    gender: voice.gender,
    preview_audio: voice.previewAudio,
    support_pause: voice.supportPause,
    emotion_support: voice.emotionSupport,
  }),
};

/** Catalogue entries as an aligned table with a heading, or one JSON line each. */
function showCatalogue<T>(items: readonly T[], view: CatalogueView<T>, json: boolean): void {
  if (json) {
    for (const item of items) writeJsonLine(view.json(item));
    return;
  }
  process.stdout.write(formatColumns([view.header, ...items.map(view.row)]));
}

/** Commander parser for `--dimension`: `WIDTHxHEIGHT`, both even and 128–4096. */
function dimension(text: string): VideoDimension {
  try {
    return parseVideoDimension(text);
  } catch (error) {
    throw new InvalidArgumentError(error instanceof Error ? error.message : String(error));
  }
}

/**
 * What is wrong with the arguments themselves, checked before any request: a blank `--script`,
 * a `--background` that starts with `#` but is no colour, and an `--out` with no folder to go
 * in or that names a directory (so that a render is never made for nowhere to put it).
 */
async function usageProblem(options: CreateOptions): Promise<string | undefined> {
  if (options.script !== undefined && options.script.trim() === '') {
    return '--script is empty: give the text to speak';
  }
  const { background, out } = options;
  if (background.startsWith('#') && !isColor(background)) {
    return (
      `--background ${background} is not a colour: give #rgb or #rrggbb (hex digits), ` +
      'or name a file whose name starts with # as ./#name'
    );
  }
  if (out === undefined) return undefined;
  try {
    await checkDownloadPath(out);
  } catch (error) {
    if (!(error instanceof LocalFileError)) throw error;
    return `--${error.message.replace(/\.$/, '')} (${error.hint})`;
  }
  return undefined;
}

async function create(options: CreateOptions): Promise<ExitCode> {
  const setup = clientFromEnv(undefined, {
    retries: options.retries,
    cache: options.cache,
    onRetry: retryNotices(options.json, options.retries),
  });
  if ('problem' in setup) {
    writeProblem(process.stderr, options.json, undefined, setup.problem);
    return setup.problem.exitCode;
  }

  try {
    return await render(setup.client, options);
  } catch (error) {
    if (error instanceof RenderedNotDownloadedError) {
      const problem = renderProblem(error.cause);
      const again = `The video is rendered: heygen-assets video status ${error.videoId}`;
      const hint = problem.hint ? `${problem.hint} ${again}` : again;
      const subject = { key: 'id', value: error.videoId } as const;
      writeProblem(process.stderr, options.json, subject, { ...problem, hint });
      return problem.exitCode;
    }
    const problem = renderProblem(error);
    writeProblem(process.stderr, options.json, undefined, problem);
    return problem.exitCode;
  }
}

/** Uploads what is local, generates, and with `--wait` or `--out` waits and downloads. */
async function render(client: HeygenAssets, options: CreateOptions): Promise<ExitCode> {
  const people = !options.json;
  const body = await client.videos.requestFromScript({
    ...scriptParts(options),
    onUpload: (role, path, asset) => {
      if (people) process.stderr.write(`${role} ${path}: asset ${asset.assetId}\n`);
    },
  });
  const { videoId } = await client.videos.generate(body);

  if (!options.wait && options.out === undefined) {
    if (options.json) writeJsonLine({ video_id: videoId, status: 'pending' });
    else process.stdout.write(`${videoId}\n`);
    return EXIT_OK;
  }

  const started = Date.now();
  const video = await client.videos.wait(videoId, {
    timeoutMs: options.timeout === undefined ? undefined : options.timeout * 1000,
    onStatus: (status) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      if (people) process.stderr.write(`video ${videoId}: ${status.status} (${seconds} s)\n`);
    },
  });
  const { out } = options;
  const file =
    out === undefined
      ? undefined
      : await download(client, video, out, people).catch((error: unknown) => {
          throw new RenderedNotDownloadedError(videoId, error);
        });

  showVideo(video, file, options.json);
  return EXIT_OK;
}

function scriptParts(options: CreateOptions): ScriptParts {
  return {
    background: options.background,
    avatarId: options.avatar,
    photo: options.photo,
    script: options.script,
    audio: options.audio,
    voiceId: options.voice,
    dimension: options.dimension,
    title: options.title,
  };
}

/** The file written and its size, with a progress bar on a terminal (none under `--json`). */
interface WrittenFile {
  path: string;
  sizeBytes: number;
}

async function download(
  client: HeygenAssets,
  video: VideoStatus,
  out: string,
  people: boolean,
): Promise<WrittenFile> {
  const bar = people && process.stderr.isTTY ? new ProgressBar(out, process.stderr) : undefined;
  try {
    const downloaded = await client.videos.download(video, out, {
      onProgress: (received, total) => bar?.update(received, total ?? received),
    });
    return { path: out, sizeBytes: downloaded.sizeBytes };
  } finally {
    bar?.clear();
  }
}

/** The render completed but its download failed: the video id is reported with the failure. */
class RenderedNotDownloadedError extends Error {
  constructor(
    readonly videoId: string,
    cause: unknown,
  ) {
    super(`Video ${videoId} was rendered, but not downloaded.`, { cause });
  }
}

/**
 * A failed render is reported with the server's code and its detail, a wait that timed out with
 * the command to look again (exit 4); anything else as every command reports it.
 */
function renderProblem(error: unknown): Problem {
  if (error instanceof VideoFailedError) {
    const detail = error.detail.trim().split('\n').at(-1);
    const hint = detail ? `The renderer said: ${detail}` : undefined;
    return { code: error.code, message: error.message, hint, exitCode: EXIT_FAILURE };
  }
  if (error instanceof LocalFileError) {
    return { code: error.code, message: error.message, hint: error.hint, exitCode: EXIT_FAILURE };
  }
  if (error instanceof VideoWaitTimeoutError) {
    const hint = `Look again later: heygen-assets video status ${error.videoId}`;
    return { code: error.code, message: error.message, hint, exitCode: EXIT_TIMEOUT };
  }
  return describeError(error);
}

/** A video for people (`label  value` lines) or as one JSON line with the API's field names. */
function showVideo(video: VideoStatus, file: WrittenFile | undefined, json: boolean): void {
  if (json) {
    const written = file && { file: file.path, size_bytes: file.sizeBytes };
    writeJsonLine({ ...videoJson(video), ...written });
    return;
  }
  process.stdout.write(formatColumns(videoDetails(video, file)));
}

function videoJson(video: VideoStatus) {
  return {
    video_id: video.id,
    status: video.status,
    video_url: video.videoUrl,
    thumbnail_url: video.thumbnailUrl,
    duration: video.duration,
    created_at: Math.floor(video.createdAt.getTime() / 1000),
    title: video.title,
    callback_id: video.callbackId,
    error: video.error,
  };
}

function videoDetails(video: VideoStatus, file: WrittenFile | undefined): string[][] {
  const details: Array<[string, string | null | undefined]> = [
    ['id', video.id],
    ['status', video.status],
    ['error', video.error && `${video.error.code}: ${video.error.message}`],
    ['duration', video.duration === null ? null : `${video.duration} s`],
    ['title', video.title],
    ['video url', video.videoUrl],
    ['thumbnail', video.thumbnailUrl],
    ['file', file && `${file.path} (${formatBytes(file.sizeBytes)})`],
    ['created', formatTime(video.createdAt)],
  ];
  return details.flatMap(([label, value]) => (value ? [[label, value]] : []));
}
