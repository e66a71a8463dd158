import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { HeygenAssets, MAX_SOURCE_REDIRECTS, UrlSourceError } from '@heygen-assets/client';
import { MediaRejectedError, MiB } from '@heygen-assets/core';
import {
  makeJpeg,
  makeMp4,
  type StubServer,
  startStubServer,
  startTestServer,
  TEST_API_KEY,
  type TestServer,
} from '@heygen-assets/testkit';
import { requestsLogged } from './support/server-log.js';
import { countSocketsOpened } from './support/socket-counter.js';

// Every server these tests talk to is started here on 127.0.0.1. Addresses of other networks
// appear only as answers of a stand-in resolver, and those are refused before any connection.

/** V8's `gc()`, made available at run time so the test needs no special Node flag. */
function garbageCollector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

interface Source extends StubServer {
  /** Paths requested so far, in order. */
  paths: string[];
  /** `Host` headers received, in order. */
  hosts: string[];
}

/** A media source on loopback that records each request and answers it with `answer`. */
async function startSource(answer: (path: string, response: ServerResponse) => void) {
  const paths: string[] = [];
  const hosts: string[] = [];
  const stub = await startStubServer((request, response) => {
    paths.push(request.url ?? '');
    hosts.push(request.headers.host ?? '');
    answer(request.url ?? '', response);
  });
  return Object.assign(stub, { paths, hosts }) satisfies Source;
}

/** Answers with `bytes` and their `Content-Length`. */
function serve(bytes: Uint8Array, headers: Record<string, string>) {
  return (_path: string, response: ServerResponse) => {
    response.writeHead(200, { ...headers, 'content-length': String(bytes.byteLength) });
    response.end(bytes);
  };
}

/** Answers in two chunks with no `Content-Length`: chunked transfer encoding. */
function serveChunked(bytes: Uint8Array, contentType: string) {
  return (_path: string, response: ServerResponse) => {
    response.writeHead(200, { 'content-type': contentType });
    const half = Math.floor(bytes.byteLength / 2);
    response.write(bytes.subarray(0, half));
    response.end(bytes.subarray(half));
  };
}

async function download(url: string): Promise<Buffer> {
  const response = await fetch(url);
  assert.equal(response.status, 200);
  return Buffer.from(await response.arrayBuffer());
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  const [outcome] = await Promise.allSettled([promise]);
  assert.equal(outcome?.status, 'rejected', 'expected the upload to be refused');
  return (outcome as PromiseRejectedResult).reason as Error;
}

describe('uploadFromUrl', () => {
  let test: TestServer;
  let client: HeygenAssets;
  let jpeg: Buffer;
  let mp4: Buffer;
  let spoolDir: string;
  const previousTmpdir = process.env.TMPDIR;

  before(async () => {
    test = await startTestServer();
    client = new HeygenAssets({ apiKey: TEST_API_KEY, baseUrl: test.url, cache: false });
    jpeg = await makeJpeg();
    mp4 = await makeMp4();
    // Spooled bodies go to os.tmpdir(), which follows TMPDIR: one of our own, to look into.
    spoolDir = await mkdtemp(join(tmpdir(), 'heygen-client-spool-'));
    process.env.TMPDIR = spoolDir;
  });
  after(async () => {
    if (previousTmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previousTmpdir;
    await rm(spoolDir, { recursive: true, force: true });
    await test.close();
  });

  describe('addresses', () => {
    it('refuses a loopback source by default, before sending it anything', async () => {
      const source = await startSource(serve(jpeg, { 'content-type': 'image/jpeg' }));

      const error = await rejection(client.uploadFromUrl(`${source.url}/photo.jpg`));
      await source.close();

      assert.ok(error instanceof UrlSourceError);
      assert.equal(error.code, 'forbidden_address');
      assert.equal(error.address, '127.0.0.1');
      assert.equal(
        error.message,
        `${source.url}/photo.jpg points at 127.0.0.1, a loopback address (this machine): ` +
          'media is fetched only from public addresses.',
      );
      assert.match(error.hint ?? '', /allowPrivateNetworks: true/);
      assert.deepEqual(source.paths, []);
    });

    for (const url of ['http://2130706433/', 'http://0x7f000001/', 'http://[::ffff:127.0.0.1]/']) {
      it(`refuses ${url} before any lookup or connection`, async () => {
        const lookups: string[] = [];
        const resolveHost = async (name: string) => {
          lookups.push(name);
          return [];
        };

        const { sockets, outcome } = await countSocketsOpened(() =>
          client.uploadFromUrl(url, { resolveHost }),
        );

        assert.equal(outcome.status, 'rejected');
        const error = (outcome as PromiseRejectedResult).reason;
        assert.ok(error instanceof UrlSourceError);
        assert.equal(error.code, 'forbidden_address');
        assert.equal(error.address, url.includes('ffff') ? '::ffff:7f00:1' : '127.0.0.1');
        assert.equal(sockets, 0);
        assert.deepEqual(lookups, []);
      });
    }

    const resolved: Array<[name: string, addresses: string[], refused: string]> = [
      ['internal.test', ['10.1.2.3'], '10.1.2.3'],
      ['metadata.test', ['169.254.169.254'], '169.254.169.254'],
      ['metadata6.test', ['fd00:ec2::254'], 'fd00:ec2::254'],
      ['cgnat.test', ['100.64.1.1'], '100.64.1.1'],
      ['mixed.test', ['8.8.8.8', '192.168.1.20'], '192.168.1.20'],
    ];
    for (const [name, addresses, refused] of resolved) {
      it(`refuses a name resolving to ${addresses.join(' and ')}, without connecting`, async () => {
        const resolveHost = async () => addresses;

        const { sockets, outcome } = await countSocketsOpened(() =>
          client.uploadFromUrl(`http://${name}/a.jpg`, { resolveHost }),
        );

        const error = (outcome as PromiseRejectedResult).reason;
        assert.ok(error instanceof UrlSourceError);
        assert.equal(error.code, 'forbidden_address');
        assert.equal(error.address, refused);
        assert.match(error.message, new RegExp(`^http://${name}/a\\.jpg resolves to ${refused}, `));
        assert.equal(sockets, 0);
      });
    }

    it('refuses a metadata address even with allowPrivateNetworks', async () => {
      const resolveHost = async () => ['169.254.169.254'];

      const { sockets, outcome } = await countSocketsOpened(() =>
        client.uploadFromUrl('http://instance-data.test/latest/meta-data/', {
          resolveHost,
          allowPrivateNetworks: true,
        }),
      );

      const error = (outcome as PromiseRejectedResult).reason;
      assert.ok(error instanceof UrlSourceError);
      assert.equal(error.code, 'forbidden_address');
      assert.equal(error.hint, 'Cloud metadata services are always refused.');
      assert.equal(sockets, 0);
    });

    for (const url of ['file:///etc/hostname', 'ftp://127.0.0.1/a.jpg', 'data:image/png,x']) {
      it(`refuses ${url.split(':')[0]}: URLs without any connection`, async () => {
        const { sockets, outcome } = await countSocketsOpened(() => client.uploadFromUrl(url));

        const error = (outcome as PromiseRejectedResult).reason;
        assert.ok(error instanceof UrlSourceError);
        assert.equal(error.code, 'unsupported_url');
        assert.equal(sockets, 0);
      });
    }

    it('lets a loopback source through with allowPrivateNetworks; the files URL serves the same bytes', async () => {
      const source = await startSource(serve(jpeg, { 'content-type': 'image/jpeg' }));

      const asset = await client.uploadFromUrl(`${source.url}/photos/beach%20day.jpg`, {
        allowPrivateNetworks: true,
      });
      await source.close();

      assert.equal(asset.mimeType, 'image/jpeg');
      assert.equal(asset.sizeBytes, jpeg.byteLength);
      assert.deepEqual(await download(asset.url), jpeg);
      const stored = await client.get(asset.assetId);
      assert.equal(stored.name, 'beach day.jpg');
      assert.deepEqual(source.paths, ['/photos/beach%20day.jpg']);
    });

    it('resolves a name once and connects to the address it checked', async () => {
      const source = await startSource(serve(jpeg, { 'content-type': 'image/jpeg' }));
      const port = new URL(source.url).port;
      const lookups: string[] = [];
      // A rebinding name: loopback at the check, anything else afterwards. A second lookup
      // fails the upload instead of reaching another address.
      const resolveHost = async (name: string) => {
        lookups.push(name);
        if (lookups.length > 1) throw new Error('looked up a second time');
        return ['127.0.0.1'];
      };

      const asset = await client.uploadFromUrl(`http://media.test:${port}/photo.jpg`, {
        allowPrivateNetworks: true,
        resolveHost,
      });
      await source.close();

      assert.equal(asset.sizeBytes, jpeg.byteLength);
      assert.deepEqual(lookups, ['media.test']);
      assert.deepEqual(source.hosts, [`media.test:${port}`]);
    });
  });

  describe('redirects', () => {
    it('refuses a redirect from an allowed loopback origin to another loopback port, by default', async () => {
      const target = await startSource(serve(jpeg, { 'content-type': 'image/jpeg' }));
      const first = await startSource((_path, response) => {
        response.writeHead(302, { location: `${target.url}/photo.jpg` });
        response.end();
      });

      const error = await rejection(
        client.uploadFromUrl(`${first.url}/start`, { allowOrigins: [first.url] }),
      );
      await first.close();
      await target.close();

      assert.ok(error instanceof UrlSourceError);
      assert.equal(error.code, 'forbidden_address');
      assert.equal(error.url, `${target.url}/photo.jpg`);
      assert.deepEqual(first.paths, ['/start']);
      assert.deepEqual(target.paths, []);
    });

    it(`follows ${MAX_SOURCE_REDIRECTS} redirects, relative ones included, and names the file after the last URL`, async () => {
      const source = await startSource((path, response) => {
        const left = Number(path.split('/')[2]);
        if (left === 0) {
          serve(jpeg, { 'content-type': 'image/jpeg' })(path, response);
          return;
        }
        response.writeHead(left % 2 === 0 ? 301 : 307, {
          location: left === 1 ? '/hop/0/final.jpg' : `/hop/${left - 1}/x`,
        });
        response.end();
      });

      const asset = await client.uploadFromUrl(`${source.url}/hop/${MAX_SOURCE_REDIRECTS}/x`, {
        allowPrivateNetworks: true,
      });
      await source.close();

      assert.equal(source.paths.length, MAX_SOURCE_REDIRECTS + 1);
      assert.equal((await client.get(asset.assetId)).name, 'final.jpg');
    });

    it(`refuses a chain of ${MAX_SOURCE_REDIRECTS + 1} redirects`, async () => {
      const source = await startSource((path, response) => {
        const left = Number(path.split('/')[2]);
        response.writeHead(302, { location: `/hop/${left - 1}` });
        response.end();
      });

      const error = await rejection(
        client.uploadFromUrl(`${source.url}/hop/${MAX_SOURCE_REDIRECTS + 1}`, {
          allowPrivateNetworks: true,
        }),
      );
      await source.close();

      assert.ok(error instanceof UrlSourceError);
      assert.equal(error.code, 'too_many_redirects');
      assert.equal(source.paths.length, MAX_SOURCE_REDIRECTS + 1);
    });
  });

  describe('content', () => {
    it('refuses an HTML page served as image/png, naming text/html, and uploads nothing', async () => {
      const page = Buffer.from(
        '<!DOCTYPE html>\n<html><head><title>Sign in</title></head></html>\n',
      );
      const source = await startSource(serve(page, { 'content-type': 'image/png' }));
      const createsBefore = requestsLogged(test, 'POST', '/v1/asset');

      const error = await rejection(
        client.uploadFromUrl(`${source.url}/logo.png`, { allowPrivateNetworks: true }),
      );
      await source.close();

      assert.ok(error instanceof MediaRejectedError);
      assert.equal(error.code, 'unsupported_media_type');
      assert.equal(
        error.message,
        `GET ${source.url}/logo.png answered with text/html (a web page) (sent as image/png), ` +
          'which the service does not accept.',
      );
      assert.equal(requestsLogged(test, 'POST', '/v1/asset'), createsBefore);
    });

    it('accepts an MP4 served chunked as application/octet-stream; the files URL serves the same bytes', async () => {
      const source = await startSource(serveChunked(mp4, 'application/octet-stream'));

      const asset = await client.uploadFromUrl(`${source.url}/download?id=7`, {
        allowPrivateNetworks: true,
      });
      await source.close();

      assert.equal(asset.mimeType, 'video/mp4');
      assert.equal(asset.sizeBytes, mp4.byteLength);
      assert.deepEqual(await download(asset.url), mp4);
    });

    it('refuses a declared contentType the bytes do not match', async () => {
      const source = await startSource(serve(jpeg, { 'content-type': 'image/png' }));

      const error = await rejection(
        client.uploadFromUrl(`${source.url}/a.png`, {
          allowPrivateNetworks: true,
          contentType: 'image/png',
        }),
      );
      await source.close();

      assert.ok(error instanceof MediaRejectedError);
      assert.equal(error.code, 'content_type_mismatch');
    });

    it('reports an error status of the source with that status', async () => {
      const source = await startSource((_path, response) => {
        response.writeHead(404, { 'content-type': 'text/html' });
        response.end('<html>Not Found</html>');
      });

      const error = await rejection(
        client.uploadFromUrl(`${source.url}/gone.jpg?token=abc`, { allowPrivateNetworks: true }),
      );
      await source.close();

      assert.ok(error instanceof UrlSourceError);
      assert.equal(error.code, 'source_unavailable');
      assert.equal(error.sourceStatus, 404);
      assert.equal(
        error.message,
        `GET ${source.url}/gone.jpg?[redacted] answered 404 instead of the media.`,
      );
    });

    it('leaves no temporary file behind, after an upload or a refusal', async () => {
      const source = await startSource(serve(jpeg, { 'content-type': 'image/jpeg' }));

      await client.uploadFromUrl(`${source.url}/a.jpg`, { allowPrivateNetworks: true });
      await rejection(
        client.uploadFromUrl(`${source.url}/a.jpg`, { allowPrivateNetworks: true, maxBytes: 100 }),
      );
      await source.close();

      const left = (await readdir(spoolDir)).filter((name) =>
        name.startsWith('heygen-assets-url-'),
      );
      assert.deepEqual(left, []);
    });
  });

  describe('size cap', () => {
    it('refuses a Content-Length over maxBytes before reading the body', async () => {
      const source = await startSource(serve(jpeg, { 'content-type': 'image/jpeg' }));

      const error = await rejection(
        client.uploadFromUrl(`${source.url}/a.jpg`, { allowPrivateNetworks: true, maxBytes: 100 }),
      );
      await source.close();

      assert.ok(error instanceof MediaRejectedError);
      assert.equal(error.code, 'file_too_large');
      assert.equal(
        error.message,
        `GET ${source.url}/a.jpg announced ${jpeg.byteLength} bytes, more than the maxBytes of 100.`,
      );
    });

    it('cuts an endless chunked body at the cap, with memory flat while it streams', async () => {
      const capBytes = 256 * MiB;
      const sampleEveryBytes = 8 * MiB;
      const chunk = Buffer.alloc(64 * 1024);
      const collectGarbage = garbageCollector();
      collectGarbage();
      const baselineRss = process.memoryUsage.rss();
      let peakRss = baselineRss;
      const sample = () => {
        // After a collection: chunks already written to the file are garbage, not held memory.
        collectGarbage();
        peakRss = Math.max(peakRss, process.memoryUsage.rss());
      };
      let sentBytes = 0;
      let connectionClosed = false;
      const source = await startSource((_path, response) => {
        response.writeHead(200, { 'content-type': 'video/mp4' });
        response.on('close', () => {
          connectionClosed = true;
        });
        const pump = () => {
          while (!connectionClosed) {
            const next = sentBytes === 0 ? mp4 : chunk;
            sentBytes += next.byteLength;
            if (sentBytes % sampleEveryBytes < next.byteLength) sample();
            if (!response.write(next)) {
              response.once('drain', pump);
              return;
            }
          }
        };
        pump();
      });

      const error = await rejection(
        client.uploadFromUrl(`${source.url}/live.mp4`, {
          allowPrivateNetworks: true,
          maxBytes: capBytes,
        }),
      );
      // Long enough for the source to see its connection closed.
      await new Promise((resolve) => setTimeout(resolve, 50));
      await source.close();

      assert.ok(error instanceof MediaRejectedError);
      assert.equal(error.code, 'file_too_large');
      assert.equal(
        error.message,
        `GET ${source.url}/live.mp4 sent more than the maxBytes of ${capBytes}.`,
      );
      assert.equal(connectionClosed, true);
      assert.ok(sentBytes > capBytes, `sent ${sentBytes} bytes`);
      // What the sockets of both ends buffer, not more: reading stopped at the cap.
      assert.ok(sentBytes < capBytes + 32 * MiB, `sent ${sentBytes} bytes`);
      const rss = peakRss - baselineRss;
      assert.ok(rss < capBytes / 4, `RSS grew by ${(rss / MiB).toFixed(1)} MiB`);
    });

    it('stops at the signal: the promise rejects with its reason', async () => {
      const controller = new AbortController();
      const source = await startSource((_path, response) => {
        response.writeHead(200, { 'content-type': 'image/jpeg' });
        response.write(jpeg.subarray(0, 200));
        setTimeout(() => controller.abort(new Error('stopped by the caller')), 20);
      });

      const error = await rejection(
        client.uploadFromUrl(`${source.url}/slow.jpg`, {
          allowPrivateNetworks: true,
          signal: controller.signal,
        }),
      );
      await source.close();

      assert.equal(error.message, 'stopped by the caller');
    });
  });
});
