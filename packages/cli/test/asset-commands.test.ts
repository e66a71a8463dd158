import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { HeygenAssets } from '@heygen-assets/client';
import {
  closedPort,
  makeJpeg,
  makePng,
  makeWav,
  startStubServer,
  startTestServer,
  TEST_API_KEY,
  type TestServer,
} from '@heygen-assets/testkit';
import { linesOf, runCli } from './support/run-cli.js';

const UNKNOWN_ID = '0123456789abcdef0123456789abcdef';

/** The v3 asset object's keys, in the API's order; the CLI's JSON lines use the same. */
const ASSET_KEYS = [
  'id',
  'name',
  'type',
  'owner',
  'space_id',
  'uploaded_at',
  'created_at',
  'folder_id',
  'url',
  'status',
  'error',
  'mime_type',
  'size_bytes',
  'sha256',
];

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** What the v3 API itself answers for an asset, to compare the CLI's JSON with. */
async function apiAsset(test: TestServer, id: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${test.url}/v3/assets/${id}`, {
    headers: { 'x-api-key': TEST_API_KEY },
  });
  assert.equal(response.status, 200);
  return ((await response.json()) as { data: Record<string, unknown> }).data;
}

describe('heygen-assets list, get, delete and status', () => {
  let test: TestServer;
  let env: Record<string, string>;
  let client: HeygenAssets;
  let jpeg: Buffer;
  let jpegId: string;
  let pngId: string;
  let wavId: string;

  before(async () => {
    test = await startTestServer();
    env = { HEYGEN_API_KEY: TEST_API_KEY, HEYGEN_API_BASE: test.url };
    client = new HeygenAssets({ apiKey: TEST_API_KEY, baseUrl: test.url });
    jpeg = await makeJpeg();
    jpegId = (await client.uploadFileDirect(jpeg, { filename: 'portrait.jpg' })).assetId;
    pngId = (await client.uploadFileDirect(await makePng(), { folderId: 'brand' })).assetId;
    wavId = (await client.uploadFileDirect(makeWav(), { filename: 'voice over.wav' })).assetId;
  });
  after(() => test.close());

  describe('list', () => {
    it('--json prints one asset per line, exactly as the API describes it, newest first', async () => {
      const result = await runCli(['list', '--json'], env);

      assert.equal(result.stderr, '');
      assert.equal(result.exitCode, 0);
      const lines = linesOf(result.stdout).map((line) => JSON.parse(line));
      assert.deepEqual(
        lines.map((line) => line.id),
        [wavId, pngId, jpegId],
      );
      for (const line of lines) {
        const api = await apiAsset(test, line.id);
        assert.deepEqual(line, api);
        assert.deepEqual(Object.keys(line), Object.keys(api), 'the same keys in the same order');
        assert.deepEqual(Object.keys(line).slice(0, ASSET_KEYS.length), ASSET_KEYS);
      }
    });

    it('prints an aligned table for people', async () => {
      const result = await runCli(['list'], env);

      assert.equal(result.exitCode, 0);
      assert.equal(result.stderr, '');
      const lines = linesOf(result.stdout);
      assert.equal(lines.length, 4);
      assert.match(lines[0] ?? '', /^ID {32}TYPE {3}STATUS {5}SIZE {6}CREATED \(UTC\) {8}NAME$/);
      const rows = lines.slice(1).map((line) => line.split(/ {2,}/));
      assert.deepEqual(
        rows.map((row) => [row[0], row[1], row[2], row[5]]),
        [
          [wavId, 'audio', 'completed', 'voice over.wav'],
          [pngId, 'image', 'completed', 'upload.png'],
          [jpegId, 'image', 'completed', 'portrait.jpg'],
        ],
      );
      assert.match(rows[0]?.[4] ?? '', /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
      // Every column starts at the same place on each line.
      const nameColumn = lines[0]?.indexOf('NAME');
      for (const line of lines.slice(1)) assert.equal(line.lastIndexOf('  ') + 2, nameColumn);
    });

    it('--limit shows the first page and says on stderr that more follow', async () => {
      const result = await runCli(['list', '--limit', '2'], env);

      assert.equal(result.exitCode, 0);
      assert.equal(linesOf(result.stdout).length, 3);
      assert.equal(result.stderr, 'More assets follow: add --all to list them all.\n');
    });

    it('--all --limit 1 --json walks every page', async () => {
      const result = await runCli(['list', '--all', '--limit', '1', '--json'], env);

      assert.equal(result.exitCode, 0);
      assert.equal(result.stderr, '');
      assert.deepEqual(
        linesOf(result.stdout).map((line) => JSON.parse(line).id),
        [wavId, pngId, jpegId],
      );
    });

    it('--type and --folder filter the list', async () => {
      const audio = await runCli(['list', '--type', 'audio', '--json'], env);
      const brand = await runCli(['list', '--folder', 'brand', '--json'], env);

      assert.deepEqual(
        linesOf(audio.stdout).map((line) => JSON.parse(line).id),
        [wavId],
      );
      assert.deepEqual(
        linesOf(brand.stdout).map((line) => JSON.parse(line).id),
        [pngId],
      );
    });

    it('says so when there are no assets', async () => {
      const result = await runCli(['list', '--folder', 'empty-folder'], env);

      assert.equal(result.exitCode, 0);
      assert.equal(result.stdout, 'No assets.\n');
      const json = await runCli(['list', '--folder', 'empty-folder', '--json'], env);
      assert.equal(json.stdout, '');
    });

    it('exits 2 on a --limit or --type the server would refuse, before any request', async () => {
      const base = `http://127.0.0.1:${await closedPort()}`;
      for (const args of [
        ['--limit', '0'],
        ['--limit', '101'],
        ['--type', 'gif'],
      ]) {
        const result = await runCli(['list', ...args], { ...env, HEYGEN_API_BASE: base });

        assert.equal(result.exitCode, 2, args.join(' '));
        assert.equal(result.stdout, '');
      }
    });
  });

  describe('get', () => {
    it('--json prints the asset as one JSON object, as the API describes it', async () => {
      const result = await runCli(['get', jpegId, '--json'], env);

      assert.equal(result.exitCode, 0);
      assert.equal(result.stderr, '');
      assert.equal(linesOf(result.stdout).length, 1);
      const asset = JSON.parse(result.stdout);
      assert.deepEqual(asset, await apiAsset(test, jpegId));
      assert.equal(asset.sha256, sha256(jpeg));
    });

    it('prints aligned label and value lines for people', async () => {
      const result = await runCli(['get', jpegId], env);

      assert.equal(result.exitCode, 0);
      const lines = linesOf(result.stdout);
      const valueColumn = 'dimensions'.length + 2;
      const fields = Object.fromEntries(
        lines.map((line) => [line.slice(0, valueColumn).trimEnd(), line.slice(valueColumn)]),
      );
      assert.deepEqual(fields, {
        id: jpegId,
        name: 'portrait.jpg',
        type: 'image',
        status: 'completed',
        'mime type': 'image/jpeg',
        size: `${jpeg.byteLength} B`,
        dimensions: '320 × 240 px',
        'has alpha': 'no',
        url: `${test.url}/asset/${jpegId}`,
        sha256: sha256(jpeg),
        created: fields.created,
        uploaded: fields.uploaded,
      });
      assert.match(fields.created ?? '', /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
      for (const line of lines) assert.notEqual(line[valueColumn], ' ', line);
    });

    it('exits 1 on an unknown id, with the server message and a hint on stderr', async () => {
      const result = await runCli(['get', UNKNOWN_ID], env);

      assert.equal(result.exitCode, 1);
      assert.equal(result.stdout, '');
      const [first, hint, ...rest] = linesOf(result.stderr);
      assert.deepEqual(rest, []);
      assert.ok(first?.startsWith(`${UNKNOWN_ID}: not_found: No asset with id ${UNKNOWN_ID}`));
      assert.equal(hint, '  hint: `heygen-assets list --all` shows the ids this key can see.');
    });

    it('--json reports an unknown id as one JSON object on stderr', async () => {
      const result = await runCli(['get', UNKNOWN_ID, '--json'], env);

      assert.equal(result.exitCode, 1);
      assert.equal(result.stdout, '');
      const error = JSON.parse(result.stderr);
      assert.deepEqual(Object.keys(error), ['id', 'error']);
      assert.equal(error.id, UNKNOWN_ID);
      assert.equal(error.error.code, 'not_found');
      assert.equal(error.error.status, 404);
      assert.match(error.error.request_id, /^[0-9a-f-]{36}$/);
      assert.ok(error.error.message.includes(UNKNOWN_ID));
    });
  });

  describe('status', () => {
    it('--json prints one line per asset and per batch item', async () => {
      const summary = await client.uploadBatch([jpeg, jpeg]);
      const batchId = summary.batchIds[0] as string;

      const result = await runCli(['status', jpegId, '--batch', batchId, '--json'], env);

      assert.equal(result.exitCode, 0);
      assert.equal(result.stderr, '');
      assert.deepEqual(
        linesOf(result.stdout).map((line) => JSON.parse(line)),
        [
          { asset_id: jpegId, status: 'completed', error: null },
          ...summary.items.map((item, index) => ({
            asset_id: item.assetId,
            status: 'completed',
            error: null,
            batch_id: batchId,
            item_index: index,
          })),
        ],
      );
    });

    it('prints a table for people and exits 1 when an id is unknown', async () => {
      const result = await runCli(['status', jpegId, UNKNOWN_ID], env);

      assert.equal(result.exitCode, 1);
      const lines = linesOf(result.stdout);
      assert.match(lines[0] ?? '', /^ID {32}STATUS {5}BATCH {2}ITEM {2}ERROR$/);
      assert.equal(lines[1], `${jpegId}  completed  -      -     -`);
      assert.ok(lines[2]?.startsWith(`${UNKNOWN_ID}  not_found  -      -     not_found: `));
    });

    it('exits 2 without any id', async () => {
      const result = await runCli(['status'], env);

      assert.equal(result.exitCode, 2);
      assert.match(result.stderr, /give at least one asset id, or --batch with a batch id/);
    });
  });

  describe('delete', () => {
    it('deletes each id, reports an unknown one, and exits 1', async () => {
      const first = await client.uploadFileDirect(jpeg);
      const second = await client.uploadFileDirect(jpeg);

      const result = await runCli(['delete', first.assetId, UNKNOWN_ID, second.assetId], env);

      assert.equal(result.exitCode, 1);
      assert.equal(result.stdout, `${first.assetId}  deleted\n${second.assetId}  deleted\n`);
      assert.ok(result.stderr.startsWith(`${UNKNOWN_ID}: not_found: `));
      assert.equal((await fetch(first.url)).status, 404);
      assert.equal((await fetch(second.url)).status, 404);
    });

    it('--json prints one object per deleted asset and exits 0', async () => {
      const asset = await client.uploadFileDirect(jpeg);

      const result = await runCli(['delete', asset.assetId, '--json'], env);

      assert.equal(result.exitCode, 0);
      assert.equal(result.stderr, '');
      assert.deepEqual(JSON.parse(result.stdout), { id: asset.assetId, deleted: true });
      const status = await runCli(['status', asset.assetId, '--json'], env);
      assert.equal(JSON.parse(status.stdout).status, 'not_found');
    });
  });

  describe('failures every command shares', () => {
    it('exits 3 on a wrong key with a hint, and stops after the first id', async () => {
      const result = await runCli(['delete', jpegId, pngId], { ...env, HEYGEN_API_KEY: 'wrong' });

      assert.equal(result.exitCode, 3);
      assert.equal(result.stdout, '');
      const lines = linesOf(result.stderr);
      assert.equal(lines.length, 2);
      assert.ok(lines[0]?.startsWith(`${jpegId}: unauthorized: `));
      assert.equal(
        lines[1],
        '  hint: Check that HEYGEN_API_KEY is a key of the server HEYGEN_API_BASE points at.',
      );
      assert.equal((await client.get(jpegId)).status, 'completed');
    });

    it('exits 3 when HEYGEN_API_KEY is not set', async () => {
      for (const args of [['list'], ['get', jpegId], ['delete', jpegId], ['status', jpegId]]) {
        const result = await runCli(args, { ...env, HEYGEN_API_KEY: undefined });

        assert.equal(result.exitCode, 3, args[0]);
        assert.match(
          result.stderr,
          /^heygen-assets: missing_api_key: HEYGEN_API_KEY is not set\.\n/,
        );
      }
    });

    it('exits 1 with network_error when nothing listens at HEYGEN_API_BASE', async () => {
      const base = `http://127.0.0.1:${await closedPort()}`;
      const result = await runCli(['list', '--json'], { ...env, HEYGEN_API_BASE: base });

      assert.equal(result.exitCode, 1);
      assert.equal(result.stdout, '');
      const error = JSON.parse(result.stderr);
      assert.equal(error.error.code, 'network_error');
      assert.ok(
        error.error.message.startsWith(`GET ${base}/v3/assets failed: connect ECONNREFUSED`),
      );
    });

    it('exits 4 when the server never answers within --timeout', async () => {
      const stub = await startStubServer(() => {});
      const result = await runCli(['status', jpegId, '--timeout', '0.3'], {
        ...env,
        HEYGEN_API_BASE: stub.url,
      });
      await stub.close();

      assert.equal(result.exitCode, 4);
      const lines = linesOf(result.stderr);
      // Four retries, each announced, then the failure.
      assert.deepEqual(
        lines.slice(0, 4).map((line) => line.replace(/ in \d+\.\d s$/, '')),
        [1, 2, 3, 4].map(
          (retry) =>
            'heygen-assets: GET /v3/assets/statuses failed ' +
            `(timeout: no progress for 300 ms); retry ${retry} of 4`,
        ),
      );
      assert.ok(lines[4]?.startsWith('heygen-assets: timeout: GET '), result.stderr);
    });
  });
});
