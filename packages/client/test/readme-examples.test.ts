import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { HeygenAssets } from '@heygen-assets/client';
import {
  makeJpeg,
  makeTempDir,
  type StubServer,
  startStubServer,
  startTestServer,
  TEST_API_KEY,
  type TestServer,
} from '@heygen-assets/testkit';

/**
 * The "Use the SDK" examples of the top-level README, run as written: each ```ts block under
 * that heading is saved as an ES module (`.mts`) and run with Node (TypeScript through tsx, the workspace's
 * packages from source) against a test server given as `HEYGEN_API_KEY` and `HEYGEN_API_BASE`,
 * in a directory holding `photo.jpg`. The one placeholder: the media server of the URL example,
 * `http://127.0.0.1:8080`, becomes a stub server on a free loopback port started here.
 */
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const README = join(REPO_ROOT, 'README.md');
const SECTION = '## Use the SDK';
const MEDIA_SERVER_PLACEHOLDER = 'http://127.0.0.1:8080';
/** An asset line the examples print: `ID URL`, or `ID TYPE URL` for the list. */
const ID = '[0-9a-f]{32}';

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The ```ts blocks of the README section `heading`, in order. */
function examplesUnder(markdown: string, heading: string): string[] {
  const start = markdown.indexOf(`\n${heading}\n`);
  assert.notEqual(start, -1, `README.md has no "${heading}" section`);
  const end = markdown.indexOf('\n## ', start + heading.length + 1);
  const section = markdown.slice(start, end === -1 ? undefined : end);
  return [...section.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => match[1] as string);
}

describe('the README’s SDK examples', () => {
  let test: TestServer;
  let media: StubServer;
  let client: HeygenAssets;
  let examples: string[];
  let dir: string;
  let photo: Buffer;
  let served: Buffer;
  const mediaRequests: string[] = [];
  /** Asset ids the upload examples printed, in order. */
  const uploaded: string[] = [];

  /** Runs example `index` in `dir` and resolves to its stdout lines; fails on a non-zero exit. */
  async function run(index: number, code = examples[index]): Promise<string[]> {
    assert.ok(code, `example ${index + 1} is missing`);
    const file = join(dir, `example-${index + 1}.mts`);
    await writeFile(file, code);
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', file], {
      cwd: dir,
      env: {
        ...process.env,
        HEYGEN_API_KEY: TEST_API_KEY,
        HEYGEN_API_BASE: test.url,
        HEYGEN_ASSETS_NO_CACHE: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exitCode = await new Promise((resolve) => child.on('close', resolve));
    assert.equal(exitCode, 0, `example ${index + 1} failed:\n${stderr}`);
    assert.equal(stderr, '');
    return stdout.split('\n').filter((line) => line !== '');
  }

  /** The asset the server holds for `assetId`, which must be completed and serve `bytes`. */
  async function assertStored(assetId: string, url: string, bytes: Buffer): Promise<void> {
    const asset = await client.get(assetId);
    assert.equal(asset.status, 'completed');
    assert.equal(asset.url, url);
    assert.equal(asset.sha256, sha256(bytes));
    const response = await fetch(url);
    assert.equal(response.status, 200);
    assert.deepEqual(Buffer.from(await response.arrayBuffer()), bytes);
  }

  before(async () => {
    examples = examplesUnder(await readFile(README, 'utf8'), SECTION);
    test = await startTestServer();
    client = new HeygenAssets({ apiKey: TEST_API_KEY, baseUrl: test.url, cache: false });
    photo = await makeJpeg({ width: 640, height: 480 });
    served = await makeJpeg({ width: 300, height: 200, color: '#cc6633' });
    media = await startStubServer((request, response: ServerResponse) => {
      mediaRequests.push(request.url ?? '');
      response.writeHead(200, { 'content-type': 'image/jpeg' });
      response.end(served);
    });

    // The examples import the workspace's packages and tsx as a project of this repository
    // would: through a node_modules next to them.
    dir = await makeTempDir('heygen-assets-readme-');
    await symlink(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    await writeFile(join(dir, 'photo.jpg'), photo);
  });
  after(async () => {
    // The link first, so that removing the directory cannot reach the workspace's modules.
    await unlink(join(dir, 'node_modules'));
    await rm(dir, { recursive: true, force: true });
    await media.close();
    await test.close();
  });

  it('has four examples, each importing the public package', () => {
    assert.equal(examples.length, 4);
    for (const example of examples) {
      assert.match(example, /^import \{ HeygenAssets \} from '@heygen-assets\/client';$/m);
    }
  });

  it('1. uploadFile: prints progress up to 100%, then an asset that serves the file', async () => {
    const lines = await run(0);

    const progress = lines.slice(0, -1);
    assert.ok(progress.length >= 1);
    assert.ok(
      progress.every((line) => /^\d{1,3}%$/.test(line)),
      lines.join('\n'),
    );
    assert.equal(progress.at(-1), '100%');
    const [assetId, url] = (lines.at(-1) ?? '').split(' ') as [string, string];
    assert.match(assetId, new RegExp(`^${ID}$`));
    await assertStored(assetId, url, photo);
    uploaded.push(assetId);
  });

  it('2. getUploadUrl and a PUT of its own: the asset serves the file', async () => {
    const lines = await run(1);

    assert.equal(lines.length, 1);
    const [assetId, url] = (lines[0] ?? '').split(' ') as [string, string];
    assert.match(assetId, new RegExp(`^${ID}$`));
    assert.equal(url, `${test.url}/asset/${assetId}`);
    await assertStored(assetId, url, photo);
    uploaded.push(assetId);
  });

  it('3. uploadFromUrl with allowPrivateNetworks: the asset serves what the media server sent', async () => {
    const example = examples[2] ?? '';
    assert.equal(example.split(MEDIA_SERVER_PLACEHOLDER).length, 2, 'one placeholder URL');

    const lines = await run(2, example.replace(MEDIA_SERVER_PLACEHOLDER, media.url));

    assert.deepEqual(mediaRequests, ['/photo.jpg']);
    assert.equal(lines.length, 1);
    const [assetId, url] = (lines[0] ?? '').split(' ') as [string, string];
    await assertStored(assetId, url, served);
    uploaded.push(assetId);
  });

  it('4. listAll: prints every image of the space, newest first', async () => {
    const lines = await run(3);

    assert.deepEqual(
      lines,
      [...uploaded].reverse().map((id) => `${id} image ${test.url}/asset/${id}`),
    );
  });
});
