import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { HeygenAssets } from '@heygen-assets/client';
import { MediaRejectedError } from '@heygen-assets/core';
import { closedPort, makeJpeg, makeTempDir, writeTempFile } from '@heygen-assets/testkit';

const HTML = Buffer.from('<!doctype html><html><body>Not a picture</body></html>\n');

/** Asserts a local media rejection with `code`; a network call would fail differently. */
function rejectedWith(code: string) {
  return (error: unknown) => {
    assert.ok(error instanceof MediaRejectedError, `expected MediaRejectedError, got ${error}`);
    assert.equal(error.code, code);
    return true;
  };
}

// Nothing listens at the base URL: a check that ran after a request would fail with NetworkError.
describe('uploadFile checks the bytes before any request', () => {
  let client: HeygenAssets;
  let workDir: string;
  let jpeg: Buffer;

  before(async () => {
    client = new HeygenAssets({ apiKey: 'k', baseUrl: `http://127.0.0.1:${await closedPort()}` });
    workDir = await makeTempDir('heygen-client-local-');
    jpeg = await makeJpeg();
  });
  after(() => rm(workDir, { recursive: true, force: true }));

  it('refuses an empty file with missing_content', async () => {
    const path = await writeTempFile(workDir, 'empty.jpg', new Uint8Array());

    await assert.rejects(client.uploadFile(path), rejectedWith('missing_content'));
  });

  it('refuses an HTML page named .jpg with unsupported_media_type', async () => {
    const path = await writeTempFile(workDir, 'page.jpg', HTML);

    await assert.rejects(client.uploadFile(path), rejectedWith('unsupported_media_type'));
  });

  it('refuses a declared type that differs from the detected one with content_type_mismatch', async () => {
    await assert.rejects(
      client.uploadFile(jpeg, { contentType: 'image/png' }),
      rejectedWith('content_type_mismatch'),
    );
  });

  it('refuses a declared type the service never accepts with unsupported_media_type', async () => {
    await assert.rejects(
      client.uploadFile(jpeg, { contentType: 'image/gif' }),
      (error: unknown) => {
        assert.ok(error instanceof MediaRejectedError);
        assert.equal(error.code, 'unsupported_media_type');
        assert.equal(
          error.message,
          'The declared content type image/gif is not one the service accepts.',
        );
        return true;
      },
    );
  });

  it('refuses bytes whose declared size differs with size_mismatch', async () => {
    await assert.rejects(
      client.uploadFile(jpeg, { sizeBytes: jpeg.byteLength + 1 }),
      rejectedWith('size_mismatch'),
    );
  });

  it('refuses a stream whose first bytes are HTML with unsupported_media_type', async () => {
    const page = Buffer.concat([HTML, Buffer.alloc(100 * 1024, 0x20)]);

    await assert.rejects(
      client.uploadFile(Readable.from([page]), { sizeBytes: page.byteLength }),
      rejectedWith('unsupported_media_type'),
    );
  });

  it('refuses a short stream whose length differs from sizeBytes with size_mismatch', async () => {
    await assert.rejects(
      client.uploadFile(Readable.from([jpeg]), { sizeBytes: jpeg.byteLength + 5 }),
      rejectedWith('size_mismatch'),
    );
  });

  it('refuses a file over its type’s size limit with file_too_large', async () => {
    const head = jpeg.subarray(0, 1024);

    await assert.rejects(
      client.uploadFile(Readable.from([head, Buffer.alloc(64 * 1024)]), {
        sizeBytes: 51 * 1024 * 1024,
      }),
      rejectedWith('file_too_large'),
    );
  });

  it('requires sizeBytes for a stream', async () => {
    await assert.rejects(client.uploadFile(Readable.from([jpeg])), TypeError);
  });

  it('passes on the file system error for a missing file', async () => {
    await assert.rejects(client.uploadFile(`${workDir}/missing.jpg`), { code: 'ENOENT' });
  });
});
