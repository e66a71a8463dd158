import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { OptimizerUnavailableError } from '@heygen-assets/client';
import {
  makeMp3,
  startTestServer,
  TEST_API_KEY,
  type TestServer,
  writeTempFile,
} from '@heygen-assets/testkit';
import sharp from 'sharp';
import { describeError } from '../src/output/describe-error.js';
import { linesOf, runCli } from './support/run-cli.js';

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** What the files URL serves, decoded: format, size, and the pixels. */
async function storedImage(url: string) {
  const response = await fetch(url);
  assert.equal(response.status, 200);
  const bytes = Buffer.from(await response.arrayBuffer());
  const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
  const { format } = await sharp(bytes).metadata();
  const pixel = (x: number, y: number) => [
    ...data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3),
  ];
  return {
    format,
    width: info.width,
    height: info.height,
    pixel,
    contentType: response.headers.get('content-type'),
  };
}

describe('heygen-assets upload --optimize', () => {
  let test: TestServer;
  let env: Record<string, string>;
  /** A 1200×400 green band, stored uncompressed: any optimisation of it is smaller. */
  let bandPath: string;
  let mp3: Buffer;
  let mp3Path: string;

  /** Requests that created an asset or an upload so far. */
  const creates = () =>
    test
      .logs()
      .split('\n')
      .filter((line) => line.includes('"method":"POST"') && line.includes('incoming request'))
      .length;

  before(async () => {
    test = await startTestServer();
    env = { HEYGEN_API_KEY: TEST_API_KEY, HEYGEN_API_BASE: test.url, HEYGEN_ASSETS_NO_CACHE: '1' };
    const band = await sharp({
      create: { width: 1200, height: 400, channels: 3, background: '#30a050' },
    })
      .png({ compressionLevel: 0 })
      .toBuffer();
    bandPath = await writeTempFile(test.workDir, 'band.png', band);
    mp3 = await makeMp3();
    mp3Path = await writeTempFile(test.workDir, 'voice.mp3', mp3);
  });
  after(() => test.close());

  it('uploads images optimised to the size asked, as JPEG, and other files unchanged', async () => {
    const result = await runCli(
      ['upload', '--optimize', '320x240', '--json', bandPath, mp3Path],
      env,
    );

    assert.equal(result.stderr, '');
    assert.equal(result.exitCode, 0);
    const lines = linesOf(result.stdout).map((line) => JSON.parse(line));
    const image = lines.find((line) => line.file === bandPath);
    const audio = lines.find((line) => line.file === mp3Path);
    assert.equal(image.mime_type, 'image/jpeg');
    const stored = await storedImage(image.url);
    assert.deepEqual(
      [stored.contentType, stored.format, stored.width, stored.height],
      ['image/jpeg', 'jpeg', 320, 240],
    );
    // cover (the default) crops the band's ends: green from edge to edge, no bars.
    for (const [x, y] of [
      [0, 0],
      [319, 239],
      [160, 120],
    ] as const) {
      const [red = 0, green = 0] = stored.pixel(x, y);
      assert.ok(green > 140 && red < 80, `(${x}, ${y}): ${stored.pixel(x, y)}`);
    }
    assert.equal(audio.sha256, sha256(mp3));
  });

  it('--fit contain keeps the whole image, with white bars above and below', async () => {
    const result = await runCli(
      ['upload', '--optimize', '320x240', '--fit', 'contain', '--json', bandPath],
      env,
    );

    assert.equal(result.exitCode, 0, result.stderr);
    const stored = await storedImage(JSON.parse(result.stdout).url);
    assert.deepEqual([stored.width, stored.height], [320, 240]);
    // The band, 1200×400, becomes 320×107: a bar of about 66 rows above and below it.
    assert.deepEqual(stored.pixel(160, 10), [255, 255, 255]);
    assert.deepEqual(stored.pixel(160, 230), [255, 255, 255]);
    const [red = 0, green = 0] = stored.pixel(160, 120);
    assert.ok(green > 140 && red < 80, `${stored.pixel(160, 120)}`);
  });

  const badUsages: Array<[string, string[], RegExp]> = [
    ['a size without a height', ['--optimize', '1920'], /Expected WIDTHxHEIGHT in pixels/],
    [
      'a zero width',
      ['--optimize', '0x1080'],
      /Expected WIDTHxHEIGHT in pixels, each from 1 to 8192/,
    ],
    ['a side over 8192', ['--optimize', '9000x100'], /Expected WIDTHxHEIGHT/],
    ['units after the size', ['--optimize', '1920x1080px'], /Expected WIDTHxHEIGHT/],
    [
      'an unknown fit',
      ['--optimize', '320x240', '--fit', 'stretch'],
      /Allowed choices are cover, contain, inside/,
    ],
    ['--fit without --optimize', ['--fit', 'contain'], /'--fit <fit>' needs --optimize/],
  ];
  for (const [what, flags, message] of badUsages) {
    it(`exits 2 with a usage message for ${what}, uploading nothing`, async () => {
      const createsBefore = creates();

      const result = await runCli(['upload', ...flags, bandPath], env);

      assert.equal(result.exitCode, 2);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, message);
      assert.equal(creates(), createsBefore);
    });
  }
});

describe('describeError for optimisation', () => {
  it('reports a missing sharp with its code and hint, exit 1', () => {
    const missing = Object.assign(new Error('Cannot find package'), {
      code: 'ERR_MODULE_NOT_FOUND',
    });

    assert.deepEqual(describeError(new OptimizerUnavailableError(false, missing)), {
      code: 'optimizer_unavailable',
      message: 'Image optimisation needs sharp, which is not installed.',
      hint: 'Install it next to the SDK (npm install sharp), or upload without optimize.',
      exitCode: 1,
    });
  });
});
