import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import {
  makeTempDir,
  startTestServer,
  type TestServer,
  writeTempFile,
} from '@heygen-assets/testkit';
import { requestUploadUrl, sha256Hex } from './support/api.js';
import { MEDIA_FIXTURES } from './support/media-fixtures.js';
import {
  type UploadResult,
  uploadWithCurl,
  uploadWithFetchStream,
  uploadWithPythonRequests,
} from './support/uploaders.js';

let server: TestServer;
let workDir: string;

before(async () => {
  server = await startTestServer();
  workDir = await makeTempDir('heygen-assets-files-');
});

after(async () => {
  await server.close();
  await rm(workDir, { recursive: true, force: true });
});

const UPLOADERS: Record<
  string,
  (url: string, path: string, type: string) => Promise<UploadResult>
> = {
  'curl -T': uploadWithCurl,
  'fetch with a stream body': uploadWithFetchStream,
  'python requests.put': (url, path) => uploadWithPythonRequests(url, path),
};

describe('the guide flow: POST /v1/asset, PUT the bytes, GET the files URL', () => {
  test('POST /v1/asset answers with exactly the guide envelope', async () => {
    const response = await fetch(`${server.url}/v1/asset`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': server.apiKey },
      body: JSON.stringify({ content_type: 'image/jpeg' }),
    });
    const body = (await response.json()) as Record<string, Record<string, string>>;

    assert.equal(response.status, 200);
    assert.deepEqual(Object.keys(body).sort(), ['data', 'error']);
    assert.equal(body.error, null);
    assert.deepEqual(Object.keys(body.data ?? {}).sort(), ['asset_id', 'url']);
    assert.match(body.data?.asset_id ?? '', /^[0-9a-f]{32}$/);
    assert.ok(body.data?.url?.startsWith(`${server.url}/v1/uploads/${body.data.asset_id}?`));
  });

  for (const fixture of MEDIA_FIXTURES) {
    for (const [uploaderName, upload] of Object.entries(UPLOADERS)) {
      test(`stores ${fixture.contentType} uploaded by ${uploaderName} byte for byte`, async () => {
        const bytes = await fixture.make();
        const path = await writeTempFile(workDir, fixture.name, bytes);
        const { url, assetId } = await requestUploadUrl(server, fixture.contentType);

        const result = await upload(url, path, fixture.contentType);

        assert.equal(result.status, 200, result.body);
        const stored = JSON.parse(result.body) as Record<string, unknown>;
        assert.deepEqual(stored, {
          asset_id: assetId,
          url: `${server.url}/asset/${assetId}`,
          mime_type: fixture.contentType,
          size_bytes: bytes.length,
          sha256: await sha256Hex(bytes),
        });

        const served = await fetch(`${server.url}/asset/${assetId}`);
        const servedBytes = new Uint8Array(await served.arrayBuffer());
        assert.equal(served.status, 200);
        assert.equal(await sha256Hex(servedBytes), await sha256Hex(bytes));
        assert.equal(served.headers.get('content-type'), fixture.contentType);
        assert.equal(served.headers.get('content-length'), String(bytes.length));
        assert.equal(served.headers.get('etag'), `"${await sha256Hex(bytes)}"`);
        assert.equal(served.headers.get('accept-ranges'), 'bytes');
      });
    }
  }
});
