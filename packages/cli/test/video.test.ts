import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { chmod, mkdir, open, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { HeygenAssets } from '@heygen-assets/client';
import { inspectMedia, type MediaFacts } from '@heygen-assets/core';
import {
  ffmpegPath,
  makeJpeg,
  makeWav,
  startTestServer,
  type TestServer,
} from '@heygen-assets/testkit';
import { type CliResult, linesOf, runCli, spawnCli } from './support/run-cli.js';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** The committed entry point npm links as `heygen-assets`; it runs the built `dist/`. */
const BIN = join(REPO_ROOT, 'packages/cli/bin/heygen-assets.js');
const VIDEO_ID = /^[0-9a-f]{32}$/;

let server: TestServer;
let env: Record<string, string>;
let client: HeygenAssets;

before(async () => {
  server = await startTestServer();
  env = { HEYGEN_API_KEY: server.apiKey, HEYGEN_API_BASE: server.url };
  client = new HeygenAssets({ apiKey: server.apiKey, baseUrl: server.url, cache: false });
  await writeFile(join(server.workDir, 'bg.jpg'), await makeJpeg({ color: 'rgb(32,160,64)' }));
  await writeFile(join(server.workDir, 'voice.wav'), makeWav({ seconds: 1 }));
});

after(() => server.close());

/** Core's media facts of a file: type, codecs, dimension, duration. */
async function inspectFile(path: string): Promise<MediaFacts> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    return await inspectMedia({
      size,
      read: async (offset, length) => {
        const buffer = Buffer.alloc(Math.max(0, Math.min(length, size - offset)));
        const { bytesRead } = await handle.read(buffer, 0, buffer.byteLength, offset);
        return buffer.subarray(0, bytesRead);
      },
    });
  } finally {
    await handle.close();
  }
}

/** Runs the installed bin (the built `dist/`, as after `npm install`) in `cwd`. */
async function runBin(args: readonly string[], cwd: string): Promise<CliResult> {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { exitCode, stdout, stderr };
}

function voiceFile(): string {
  return join(server.workDir, 'voice.wav');
}

/** `label  value` lines as a map. */
function details(stdout: string): Map<string, string> {
  return new Map(
    linesOf(stdout).map((line) => {
      const match = /^(\S+(?: \S+)?)\s{2,}(.*)$/.exec(line);
      assert.ok(match, `not a detail line: ${line}`);
      return [match[1] ?? '', match[2] ?? ''];
    }),
  );
}

describe('heygen-assets video create from a fresh install', () => {
  before(async () => {
    // `npm install` builds `dist/` (the `prepare` script); build it again from these sources.
    await promisify(execFile)('npx', ['tsc', '-b', 'tsconfig.build.json'], { cwd: REPO_ROOT });
  });

  test('--background bg.jpg --script "Hello" --wait --out hello.mp4 writes a 1920×1080 MP4', async () => {
    const result = await runBin(
      [
        'video',
        'create',
        '--background',
        'bg.jpg',
        '--script',
        'Hello',
        '--wait',
        '--out',
        'hello.mp4',
      ],
      server.workDir,
    );
    assert.equal(result.exitCode, 0, result.stderr);

    const shown = details(result.stdout);
    const videoId = shown.get('id') ?? '';
    assert.match(videoId, VIDEO_ID);
    assert.equal(shown.get('status'), 'completed');
    assert.equal(shown.get('video url'), `${server.url}/video/${videoId}.mp4`);
    const { size } = await stat(join(server.workDir, 'hello.mp4'));
    assert.match(shown.get('file') ?? '', /^hello\.mp4 \(\d+\.\d KiB\)$/);

    const progress = linesOf(result.stderr);
    assert.match(progress[0] ?? '', /^background bg\.jpg: asset [0-9a-f]{32}$/);
    assert.match(
      progress.at(-1) ?? '',
      new RegExp(`^video ${videoId}: completed \\(\\d+\\.\\d s\\)$`),
    );

    const facts = await inspectFile(join(server.workDir, 'hello.mp4'));
    assert.equal(facts.mimeType, 'video/mp4');
    assert.equal(facts.sizeBytes, size);
    assert.deepEqual(facts.codecs, ['h264', 'aac']);
    assert.deepEqual([facts.width, facts.height], [1920, 1080]);
    const reported = Number(/^([\d.]+) s$/.exec(shown.get('duration') ?? '')?.[1]);
    assert.ok(reported > 0 && Math.abs((facts.durationSeconds ?? 0) - reported) <= 0.1);
    assert.ok(!(await readdir(server.workDir)).some((name) => name.endsWith('.part')));
  });
});

describe('heygen-assets video create', () => {
  test('without --wait prints the video id alone, and under --json {video_id, status}', async () => {
    const voice = join(server.workDir, 'voice.wav');
    const args = ['video', 'create', '--background', '#204060', '--audio', voice];
    const plain = await runCli([...args, '--dimension', '128x128'], env);
    const json = await runCli([...args, '--dimension', '128x128', '--json'], env);

    assert.equal(plain.exitCode, 0, plain.stderr);
    assert.match(plain.stdout, /^[0-9a-f]{32}\n$/);
    assert.equal(json.exitCode, 0, json.stderr);
    assert.equal(json.stderr, '');
    const line = JSON.parse(json.stdout) as { video_id: string };
    assert.deepEqual(line, { video_id: line.video_id, status: 'pending' });

    for (const videoId of [plain.stdout.trim(), line.video_id]) {
      const video = await client.videos.wait(videoId, { firstPollDelayMs: 100 });
      assert.ok(Math.abs((video.duration ?? 0) - 1) <= 0.1);
    }
  });

  test('--json --out prints one JSON line with the file and nothing on stderr', async () => {
    const result = await runCli(
      [
        'video',
        'create',
        '--background',
        join(server.workDir, 'bg.jpg'),
        '--script',
        'Hi',
        '--avatar',
        'amira_studio_20240301',
        '--dimension',
        '320x180',
        '--title',
        'json run',
        '--out',
        join(server.workDir, 'json.mp4'),
        '--json',
      ],
      env,
    );
    assert.equal(result.exitCode, 0, result.stderr);
    assert.equal(result.stderr, '');

    const line = JSON.parse(result.stdout) as Record<string, unknown>;
    const { size } = await stat(join(server.workDir, 'json.mp4'));
    const video = await client.videos.status(String(line.video_id));
    assert.deepEqual(line, {
      video_id: video.id,
      status: 'completed',
      video_url: video.videoUrl,
      thumbnail_url: video.thumbnailUrl,
      duration: video.duration,
      created_at: video.createdAt.getTime() / 1000,
      title: 'json run',
      callback_id: null,
      error: null,
      file: join(server.workDir, 'json.mp4'),
      size_bytes: size,
    });
    const facts = await inspectFile(join(server.workDir, 'json.mp4'));
    assert.deepEqual([facts.width, facts.height], [320, 180]);
  });

  test('usage errors exit 2 before anything is sent', async () => {
    const base = ['video', 'create', '--background', '#000000'];
    const cases: Array<[string[], RegExp]> = [
      [base, /give exactly one of --script TEXT and --audio FILE/],
      [[...base, '--script', 'Hi', '--audio', 'voice.wav'], /cannot be used with option/],
      [[...base, '--script', 'Hi', '--avatar', 'a', '--photo', 'bg.jpg'], /cannot be used with/],
      [
        [...base, '--script', 'Hi', '--dimension', '1921x1080'],
        /dimension\.width: 1921 is not even/,
      ],
      [[...base, '--script', 'Hi', '--dimension', 'big'], /"big" is not WIDTHxHEIGHT/],
      [['video', 'create', '--script', 'Hi'], /required option '--background/],
    ];
    const generated = () => server.logs().split('"video queued"').length;
    const before = generated();

    for (const [args, message] of cases) {
      const result = await runCli(args, env);
      assert.equal(result.exitCode, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, message);
    }
    assert.equal(generated(), before);
  });

  test('a blank --script, a malformed colour and an --out with nowhere to go exit 2 before any request', async () => {
    const bg = join(server.workDir, 'bg.jpg');
    const missingFolder = join(server.workDir, 'no-such-folder', 'x.mp4');
    const cases: Array<[string[], string]> = [
      [['--background', bg, '--script', ''], 'error: --script is empty: give the text to speak'],
      [
        ['--background', bg, '--script', '  \n '],
        'error: --script is empty: give the text to speak',
      ],
      [
        ['--background', '#zzz', '--script', 'Hi'],
        'error: --background #zzz is not a colour: give #rgb or #rrggbb (hex digits), ' +
          'or name a file whose name starts with # as ./#name',
      ],
      [
        ['--background', bg, '--script', 'Hi', '--out', missingFolder],
        `error: --out: ${missingFolder}: no folder ${join(server.workDir, 'no-such-folder')} ` +
          `(Create ${join(server.workDir, 'no-such-folder')} first, or write the MP4 elsewhere.)`,
      ],
      [
        ['--background', bg, '--script', 'Hi', '--out', server.workDir],
        `error: --out: ${server.workDir}: a directory, not a file ` +
          `(Name a file inside it, e.g. ${server.workDir}/video.mp4.)`,
      ],
    ];
    const requests = () => server.logs().split('"incoming request"').length;
    const before = requests();

    for (const [args, stderr] of cases) {
      const result = await runCli(['video', 'create', ...args], env);
      assert.equal(result.exitCode, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.equal(result.stdout, '');
      assert.equal(result.stderr, `${stderr}\n(run with --help for usage)\n`);
    }
    assert.equal(requests(), before);
  });

  test('a missing or directory --background, --photo or --audio names the option and the path', async () => {
    const missing = join(server.workDir, 'missing.jpg');
    const cases: Array<[string[], string]> = [
      [
        ['--background', missing, '--script', 'Hi'],
        `file_not_found: background: ${missing}: no such file.`,
      ],
      [
        ['--background', server.workDir, '--script', 'Hi'],
        `not_a_file: background: ${server.workDir}: a directory, not a file.`,
      ],
      [
        ['--background', '#000', '--photo', missing, '--script', 'Hi'],
        `file_not_found: photo: ${missing}: no such file.`,
      ],
      [
        ['--background', '#000', '--audio', join(server.workDir, 'missing.mp3')],
        `file_not_found: audio: ${join(server.workDir, 'missing.mp3')}: no such file.`,
      ],
    ];
    const requests = () => server.logs().split('"incoming request"').length;
    const before = requests();

    for (const [args, message] of cases) {
      const result = await runCli(['video', 'create', ...args], env);
      assert.equal(result.exitCode, 1, `${args.join(' ')}: ${result.stderr}`);
      const [first, hint] = linesOf(result.stderr);
      assert.equal(first, `heygen-assets: ${message}`);
      assert.match(hint ?? '', /^ {2}hint: \S/);
    }
    assert.equal(requests(), before);
  });

  test('refusals exit 1 with the code: an audio file as background, an unknown avatar', async () => {
    const voice = join(server.workDir, 'voice.wav');
    const audio = await runCli(['video', 'create', '--background', voice, '--script', 'Hi'], env);
    assert.equal(audio.exitCode, 1);
    assert.equal(
      audio.stderr,
      `heygen-assets: asset_not_usable: background: ${voice} is audio, not image or video.\n` +
        '  hint: Give an image or video file or asset id as the background.\n',
    );

    const avatar = await runCli(
      ['video', 'create', '--background', '#fff', '--script', 'Hi', '--avatar', 'nobody', '--json'],
      env,
    );
    assert.equal(avatar.exitCode, 1);
    assert.equal(avatar.stdout, '');
    const { error } = JSON.parse(avatar.stderr) as { error: { code: string; message: string } };
    assert.equal(error.code, 'invalid_request');
    assert.match(
      error.message,
      /video_inputs\[0\]\.character\.avatar_id: is not a built-in avatar/,
    );
  });
});

describe('heygen-assets video status', () => {
  test('shows a video for people and, under --json, with the API field names', async () => {
    const { videoId } = await client.videos.generate(
      await client.videos.requestFromScript({
        background: '#336699',
        script: 'Status',
        dimension: { width: 128, height: 128 },
      }),
    );
    const video = await client.videos.wait(videoId, { firstPollDelayMs: 100 });

    const people = await runCli(['video', 'status', videoId], env);
    assert.equal(people.exitCode, 0, people.stderr);
    const shown = details(people.stdout);
    assert.deepEqual(
      [...shown.keys()],
      ['id', 'status', 'duration', 'video url', 'thumbnail', 'created'],
    );
    assert.equal(shown.get('id'), videoId);
    assert.equal(shown.get('duration'), `${video.duration} s`);
    assert.equal(shown.get('thumbnail'), video.thumbnailUrl);

    const json = await runCli(['video', 'status', videoId, '--json'], env);
    assert.equal(json.exitCode, 0, json.stderr);
    const api = await fetch(`${server.url}/v1/video_status.get?video_id=${videoId}`, {
      headers: { 'x-api-key': server.apiKey },
    });
    const { data } = (await api.json()) as { data: Record<string, unknown> };
    const { id, ...rest } = data;
    assert.deepEqual(JSON.parse(json.stdout), { video_id: id, ...rest });
  });

  test('an unknown id exits 1 with not_found, and no key exits 3', async () => {
    const unknown = await runCli(['video', 'status', '0123456789abcdef0123456789abcdef'], env);
    assert.equal(unknown.exitCode, 1);
    assert.match(
      unknown.stderr,
      /^heygen-assets: not_found: No video 0123456789abcdef0123456789abcdef\./,
    );

    const noKey = await runCli(['video', 'status', 'x'], { ...env, HEYGEN_API_KEY: undefined });
    assert.equal(noKey.exitCode, 3);
  });
});

describe('renders that fail or take too long (this server renders through a fake ffmpeg)', () => {
  /** Makes the server (in this process) render through `script` from now on. */
  async function fakeFfmpeg(name: string, text: string): Promise<void> {
    const path = join(server.workDir, name);
    await writeFile(path, `#!/bin/sh\n${text}\n`);
    await chmod(path, 0o755);
    process.env.FFMPEG_PATH = path;
  }
  /** The real ffmpeg, found before any fake one is put in its place. */
  let realFfmpeg = '';
  before(() => {
    realFfmpeg = ffmpegPath();
  });
  after(() => {
    delete process.env.FFMPEG_PATH;
  });

  test('a failed render exits 1 with its code and what the renderer said', async () => {
    await fakeFfmpeg('crashing-ffmpeg', 'echo "simulated encoder crash" >&2\nexit 134');
    const result = await runCli(
      ['video', 'create', '--background', '#fff', '--audio', voiceFile(), '--wait'],
      env,
    );

    assert.equal(result.exitCode, 1);
    assert.equal(result.stdout, '');
    const lines = linesOf(result.stderr);
    assert.match(
      lines.at(-2) ?? '',
      /^heygen-assets: render_failed: Video [0-9a-f]{32} failed with render_failed: .*crashing-ffmpeg exited with status 134/,
    );
    assert.equal(lines.at(-1), '  hint: The renderer said: simulated encoder crash');
  });

  test('a download that fails after the render names the video id to fetch it again', async () => {
    // The render waits a second, so that the --out folder can go away while it runs.
    await fakeFfmpeg('slow-ffmpeg', `sleep 1\nexec '${realFfmpeg}' "$@"`);
    const folder = join(server.workDir, 'vanishing');
    await mkdir(folder);
    const child = spawnCli(
      [
        'video',
        'create',
        '--background',
        '#fff',
        '--audio',
        voiceFile(),
        '--dimension',
        '128x128',
        '--out',
        join(folder, 'x.mp4'),
      ],
      env,
    );
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    const queued = new Promise<void>((resolve) => {
      child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
        if (/^video [0-9a-f]{32}: /m.test(stderr)) resolve();
      });
    });
    const exitCode = new Promise<number | null>((resolve) => child.on('close', resolve));
    await queued;
    await rm(folder, { recursive: true });

    assert.equal(await exitCode, 1, stderr);
    assert.equal(stdout, '');
    const videoId = /^video ([0-9a-f]{32}): /m.exec(stderr)?.[1] ?? '';
    const out = join(folder, 'x.mp4');
    assert.deepEqual(linesOf(stderr).slice(-2), [
      `${videoId}: file_not_found: out: ${out}: no such file.`,
      `  hint: Check that ${folder} exists, or write elsewhere. ` +
        `The video is rendered: heygen-assets video status ${videoId}`,
    ]);
    assert.equal((await client.videos.status(videoId)).status, 'completed');
  });

  test('--timeout exits 4 once the wait passes it, naming the command to look again', async () => {
    await fakeFfmpeg('stuck-ffmpeg', 'exec sleep 60');
    const result = await runCli(
      [
        'video',
        'create',
        '--background',
        '#fff',
        '--audio',
        voiceFile(),
        '--wait',
        '--timeout',
        '0.5',
        '--json',
      ],
      env,
    );

    assert.equal(result.exitCode, 4, result.stderr);
    assert.equal(result.stdout, '');
    const { error } = JSON.parse(result.stderr) as { error: { code: string; hint: string } };
    assert.equal(error.code, 'timeout');
    assert.match(error.hint, /^Look again later: heygen-assets video status [0-9a-f]{32}$/);
  });
});
