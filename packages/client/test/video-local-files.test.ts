import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { makeJpeg, startTestServer, type TestServer } from '@heygen-assets/testkit';
import { HeygenAssets, LocalFileError } from '../src/index.js';

let server: TestServer;
let client: HeygenAssets;

before(async () => {
  server = await startTestServer();
  client = new HeygenAssets({ apiKey: server.apiKey, baseUrl: server.url, cache: false });
});

after(() => server.close());

/** Requests the server has seen so far. */
function requests(): number {
  return server.logs().split('"incoming request"').length - 1;
}

describe('requestFromScript checks local files and arguments before any request', () => {
  test('a missing or directory file is a LocalFileError naming its role and path', async () => {
    const missing = join(server.workDir, 'missing.jpg');
    const folder = join(server.workDir, 'a-folder');
    await mkdir(folder);
    const cases: Array<[Parameters<typeof client.videos.requestFromScript>[0], object]> = [
      [
        { background: missing, script: 'Hi' },
        { code: 'file_not_found', role: 'background', path: missing },
      ],
      [
        { background: folder, script: 'Hi' },
        { code: 'not_a_file', role: 'background', path: folder },
      ],
      [
        { background: '#000', photo: missing, script: 'Hi' },
        { code: 'file_not_found', role: 'photo', path: missing },
      ],
      [
        { background: '#000', audio: `${missing}.mp3` },
        { code: 'file_not_found', role: 'audio', path: `${missing}.mp3` },
      ],
    ];
    const before = requests();

    for (const [parts, expected] of cases) {
      const error = await client.videos.requestFromScript(parts).then(
        () => assert.fail('resolved'),
        (reason: unknown) => reason,
      );
      assert.ok(error instanceof LocalFileError, String(error));
      const { code, role, path } = error;
      assert.deepEqual({ code, role, path }, expected);
      const reason = code === 'not_a_file' ? 'a directory, not a file' : 'no such file';
      assert.equal(error.message, `${role}: ${path}: ${reason}.`);
      assert.ok(error.hint.length > 0);
      assert.equal(
        (error.cause as NodeJS.ErrnoException).code,
        code === 'not_a_file' ? 'EISDIR' : 'ENOENT',
      );
    }
    assert.equal(requests(), before);
  });

  test('a blank script and a malformed colour are invalid_request', async () => {
    const background = join(server.workDir, 'bg.jpg');
    await writeFile(background, await makeJpeg({ width: 64, height: 64 }));
    const before = requests();

    for (const script of ['', ' \n\t']) {
      await assert.rejects(client.videos.requestFromScript({ background, script }), {
        name: 'AssetError',
        code: 'invalid_request',
        param: 'script',
        message: 'script is empty: give the text to speak.',
      });
    }
    await assert.rejects(client.videos.requestFromScript({ background: '#zzz', script: 'Hi' }), {
      name: 'AssetError',
      code: 'invalid_request',
      param: 'background',
      message: 'background: #zzz is not a colour: give #rgb or #rrggbb (hex digits).',
    });
    assert.equal(requests(), before);
  });
});

describe('fromScript checks a path out before anything is uploaded or rendered', () => {
  test('a missing folder or a directory as out is a LocalFileError with role out', async () => {
    const background = join(server.workDir, 'bg2.jpg');
    await writeFile(background, await makeJpeg({ width: 64, height: 64 }));
    const nowhere = join(server.workDir, 'no-such-folder', 'x.mp4');
    const before = requests();

    const cases: Array<[string, object]> = [
      [
        nowhere,
        {
          code: 'file_not_found',
          message: `out: ${nowhere}: no folder ${join(server.workDir, 'no-such-folder')}.`,
        },
      ],
      [
        server.workDir,
        { code: 'not_a_file', message: `out: ${server.workDir}: a directory, not a file.` },
      ],
    ];
    for (const [out, expected] of cases) {
      const error = await client.videos.fromScript({ background, script: 'Hi', out }).then(
        () => assert.fail('resolved'),
        (reason: unknown) => reason,
      );
      assert.ok(error instanceof LocalFileError, String(error));
      assert.deepEqual({ code: error.code, message: error.message }, expected);
      assert.equal(error.role, 'out');
    }
    assert.equal(requests(), before);
  });
});

describe('download to a path that cannot be written', () => {
  test('is a LocalFileError with role out naming the path', async () => {
    const { videoId } = await client.videos.generate(
      await client.videos.requestFromScript({
        background: '#102030',
        script: 'Hi',
        dimension: { width: 128, height: 128 },
      }),
    );
    const video = await client.videos.wait(videoId, { firstPollDelayMs: 100 });
    const folder = join(server.workDir, 'gone');
    const out = join(folder, 'x.mp4');

    await assert.rejects(client.videos.download(video, out), {
      name: 'LocalFileError',
      code: 'file_not_found',
      role: 'out',
      path: out,
      message: `out: ${out}: no such file.`,
      hint: `Check that ${folder} exists, or write elsewhere.`,
    });
  });
});
