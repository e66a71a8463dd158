import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  makeJpeg,
  startTestServer,
  TEST_API_KEY,
  type TestServer,
  writeTempFile,
} from '@heygen-assets/testkit';
import { formatBytes } from '../src/output/format-bytes.js';
import { startLoopbackProxy } from './support/loopback-proxy.js';
import { linesOf, runCli } from './support/run-cli.js';
import { runCliInTerminal } from './support/run-in-terminal.js';

const FILE_COUNT = 50;
const UPLOAD_FIELDS = ['file', 'asset_id', 'url', 'mime_type', 'size_bytes', 'sha256'];
/** Erase-line sequence the progress line is redrawn with, after a carriage return. */
const REDRAW = '\r\x1b[K';
/** `[####----]  37%  12/50 files  …`: the progress line as drawn. */
const PROGRESS_LINE = new RegExp(
  `\\r\\x1b\\[K\\[[#-]{24}\\] +(\\d+)%  (\\d+)/${FILE_COUNT} files  \\d+(\\.\\d)? (B|KiB) / \\d+(\\.\\d)? (B|KiB)`,
  'g',
);
/** A result line for people: `FILE  ASSET_ID  URL`. */
const RESULT_LINE = /^(\S+) {2}([0-9a-f]{32}) {2}(\S+)$/;

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** What stays visible of each line: the text after its last redraw. */
function visibleLines(screen: string): string[] {
  return linesOf(screen).map((line) => {
    const at = line.lastIndexOf(REDRAW);
    return at === -1 ? line : line.slice(at + REDRAW.length);
  });
}

/** `text` as a regular expression that matches exactly it. */
function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('heygen-assets upload of many files', () => {
  let test: TestServer;
  let env: Record<string, string>;
  let paths: string[];
  const bytesOf = new Map<string, Buffer>();
  let totalBytes = 0;

  before(async () => {
    test = await startTestServer();
    env = { HEYGEN_API_KEY: TEST_API_KEY, HEYGEN_API_BASE: test.url };
    paths = [];
    for (let index = 0; index < FILE_COUNT; index++) {
      // Each a different size, so every file is its own asset.
      const jpeg = await makeJpeg({ width: 64 + index, height: 48 });
      const path = await writeTempFile(test.workDir, `scene-${index}.jpg`, jpeg);
      paths.push(path);
      bytesOf.set(path, jpeg);
      totalBytes += jpeg.byteLength;
    }
  });
  after(() => test.close());

  /** Checks a file's asset serves exactly its bytes. */
  async function assertServed(file: string, url: string): Promise<void> {
    const response = await fetch(url);
    assert.equal(response.status, 200);
    assert.equal(
      sha256(Buffer.from(await response.arrayBuffer())),
      sha256(bytesOf.get(file) ?? Buffer.alloc(0)),
    );
  }

  it('on a terminal, redraws one progress line in place, prints every result and an exact summary', async () => {
    const result = await runCliInTerminal(['upload', ...paths], env);

    assert.equal(result.exitCode, 0, result.screen);
    const drawn = [...result.screen.matchAll(PROGRESS_LINE)];
    // Drawn once at the start, then again below each result line as it scrolls up.
    assert.ok(drawn.length > FILE_COUNT, `${drawn.length} progress lines drawn`);
    assert.ok(drawn.every((match) => Number(match[1]) <= 100 && Number(match[2]) <= FILE_COUNT));
    assert.ok(drawn.some((match) => Number(match[2]) > 0 && Number(match[2]) < FILE_COUNT));

    const lines = visibleLines(result.screen);
    assert.equal(lines.length, FILE_COUNT + 1, lines.join('\n'));
    const summary = lines.at(-1) ?? '';
    const expected = `50 uploaded, 0 failed, ${literal(formatBytes(totalBytes))} in \\d+\\.\\d s`;
    assert.match(summary, new RegExp(`^${expected}$`));

    const results = lines.slice(0, -1).map((line) => RESULT_LINE.exec(line));
    assert.deepEqual(results.map((match) => match?.[1]).sort(), [...paths].sort());
    for (const match of results) {
      assert.ok(match);
      assert.equal(match[3], `${test.url}/asset/${match[2]}`);
      await assertServed(match[1] as string, match[3] as string);
    }
  });

  it('--json on a terminal draws no progress either: JSON lines only', async () => {
    const result = await runCliInTerminal(['upload', '--json', ...paths.slice(0, 5)], env);

    assert.equal(result.exitCode, 0);
    assert.ok(!result.screen.includes('\x1b'), 'no escape sequences');
    const lines = linesOf(result.screen).map((line) => JSON.parse(line));
    assert.deepEqual(lines.map((line) => line.file).sort(), paths.slice(0, 5).sort());
  });

  it('--json through a pipe prints 50 JSON lines on stdout and nothing else anywhere', async () => {
    const result = await runCli(['upload', '--json', ...paths], env);

    assert.equal(result.exitCode, 0);
    assert.equal(result.stderr, '');
    const lines = linesOf(result.stdout).map((line) => JSON.parse(line));
    assert.equal(lines.length, FILE_COUNT);
    assert.deepEqual(lines.map((line) => line.file).sort(), [...paths].sort());
    for (const line of lines) {
      const bytes = bytesOf.get(line.file) ?? Buffer.alloc(0);
      assert.deepEqual(Object.keys(line), UPLOAD_FIELDS);
      assert.equal(line.size_bytes, bytes.byteLength);
      assert.equal(line.sha256, sha256(bytes));
      assert.equal(line.url, `${test.url}/asset/${line.asset_id}`);
    }
  });

  it('for people through a pipe, draws no progress: results on stdout, the summary on stderr', async () => {
    const result = await runCli(['upload', ...paths], env);

    assert.equal(result.exitCode, 0);
    const printed = result.stdout + result.stderr;
    assert.ok(!printed.includes('\r') && !printed.includes('\x1b'), 'no redraws, no escapes');
    const lines = linesOf(result.stdout);
    assert.equal(lines.length, FILE_COUNT);
    assert.ok(lines.every((line) => RESULT_LINE.test(line)));
    const expected = `50 uploaded, 0 failed, ${literal(formatBytes(totalBytes))} in \\d+\\.\\d s`;
    assert.match(result.stderr, new RegExp(`^${expected}\\n$`));
  });

  it('keeps going after refused files, then lists each with its code and message in the order given', async () => {
    const html = await writeTempFile(
      test.workDir,
      'page.jpg',
      Buffer.from('<!DOCTYPE html><html></html>\n'),
    );
    const missing = `${test.workDir}/missing.jpg`;
    const [first, second] = paths as [string, string];

    const result = await runCli(['upload', first, html, missing, second], env);

    assert.equal(result.exitCode, 1);
    assert.deepEqual(
      linesOf(result.stdout)
        .map((line) => RESULT_LINE.exec(line)?.[1])
        .sort(),
      [first, second].sort(),
    );
    const stderr = linesOf(result.stderr);
    const htmlReport = stderr.find((line) => line.startsWith(`${html}: `)) ?? '';
    assert.match(htmlReport, /^\S+: unsupported_media_type: \S/);
    assert.ok(stderr.includes(`${missing}: file_not_found: No such file.`));
    const summaryAt = stderr.findIndex((line) => / uploaded, /.test(line));
    const bytes = (bytesOf.get(first)?.byteLength ?? 0) + (bytesOf.get(second)?.byteLength ?? 0);
    const expected = `2 uploaded, 2 failed, ${literal(formatBytes(bytes))} in \\d+\\.\\d s`;
    assert.match(stderr[summaryAt] ?? '', new RegExp(`^${expected}$`));
    assert.deepEqual(stderr.slice(summaryAt + 1), [
      'failed:',
      `  ${htmlReport}`,
      `  ${missing}: file_not_found: No such file.`,
    ]);
  });

  it('reports a refused key once, starts no other file, and exits 3', async () => {
    const result = await runCli(['upload', '--concurrency', '2', ...paths.slice(0, 6)], {
      ...env,
      HEYGEN_API_KEY: 'wrong-key',
    });

    assert.equal(result.exitCode, 3);
    assert.equal(result.stdout, '');
    const stderr = linesOf(result.stderr);
    const reports = stderr.filter((line) => / unauthorized: /.test(line));
    // Once in its place, once again in the summary's list.
    assert.equal(reports.length, 2, result.stderr);
    assert.ok(paths.slice(0, 2).some((path) => reports[0]?.startsWith(`${path}: unauthorized: `)));
    assert.ok(
      stderr.some((line) => /^0 uploaded, 1 failed, 5 skipped, 0 B in \d+\.\d s$/.test(line)),
    );
  });

  it('uploads at most --concurrency files at once, and 4 by default', async () => {
    // Each PUT is held a while at the proxy, so uploads that may overlap do.
    const proxy = await startLoopbackProxy((request) =>
      request.method === 'PUT' ? { delayMs: 300 } : undefined,
    );
    const behind = await startTestServer({ publicUrl: proxy.url });
    proxy.forwardTo(behind);
    const proxied = { ...env, HEYGEN_API_BASE: proxy.url };

    try {
      const three = await runCli(
        ['upload', '--json', '--concurrency', '3', ...paths.slice(0, 8)],
        proxied,
      );
      const mostWithThree = proxy.mostAtOnce('PUT');
      const byDefault = await runCli(['upload', '--json', ...paths.slice(8, 18)], proxied);

      assert.equal(three.exitCode, 0);
      assert.equal(linesOf(three.stdout).length, 8);
      assert.equal(mostWithThree, 3);
      assert.equal(byDefault.exitCode, 0);
      assert.equal(linesOf(byDefault.stdout).length, 10);
      assert.equal(proxy.mostAtOnce('PUT'), 4);
    } finally {
      await proxy.close();
      await behind.close();
    }
  });

  it('exits 2 on a --concurrency outside 1–32', async () => {
    for (const value of ['0', '33', 'many']) {
      const result = await runCli(['upload', '--concurrency', value, paths[0] as string], env);

      assert.equal(result.exitCode, 2, value);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, /--concurrency/);
    }
  });
});
