import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UploadProgress } from '../src/output/upload-progress.js';
import { formatUploadSummary } from '../src/output/upload-summary.js';

const CLEAR = '\r\x1b[K';

/** A terminal `columns` wide that keeps what is written to it. */
function fakeTerminal(columns: number) {
  const writes: string[] = [];
  const stream = { columns, write: (text: string) => writes.push(text) > 0 };
  return { stream: stream as unknown as NodeJS.WriteStream, writes };
}

describe('UploadProgress', () => {
  it('draws the bar, files done, bytes and the files being sent', () => {
    const { stream, writes } = fakeTerminal(200);
    const progress = new UploadProgress(stream, ['/tmp/a.jpg', '/tmp/b.png'], [1024, 3072]);

    progress.started(0);

    assert.deepEqual(writes, [
      `${CLEAR}[------------------------]   0%  0/2 files  0 B / 4.0 KiB  a.jpg`,
    ]);
  });

  it('redraws at most every 100 ms while bytes move', () => {
    const { stream, writes } = fakeTerminal(200);
    const progress = new UploadProgress(stream, ['a.jpg'], [1000]);

    progress.started(0);
    progress.update(0, 500, 1000);
    progress.update(0, 900, 1000);

    assert.equal(writes.length, 1);
  });

  it('writes lines above itself: clears, lets them through, draws itself again', () => {
    const { stream, writes } = fakeTerminal(200);
    const progress = new UploadProgress(stream, ['a.jpg', 'b.jpg'], [1024, 1024]);
    progress.started(0);
    progress.update(0, 1024, 1024);
    progress.settled(0);
    writes.length = 0;

    progress.above(() => stream.write('a.jpg  id  url\n'));
    progress.stop();

    assert.deepEqual(writes, [
      CLEAR,
      'a.jpg  id  url\n',
      `${CLEAR}[############------------]  50%  1/2 files  1.0 KiB / 2.0 KiB`,
      CLEAR,
    ]);
  });

  it('takes the total an upload reports in place of the size on disk', () => {
    const { stream, writes } = fakeTerminal(200);
    const progress = new UploadProgress(stream, ['big.jpg'], [4096]);

    progress.above(() => undefined);
    progress.update(0, 512, 1024);

    assert.match(writes.at(-1) ?? '', /\] {2}50% {2}0\/1 files {2}512 B \/ 1\.0 KiB$/);
  });

  it('fits the terminal, one column short, and shows control characters in names as ?', () => {
    const { stream, writes } = fakeTerminal(60);
    const progress = new UploadProgress(stream, ['/tmp/evil\n\x1b[2Jname.jpg'], [10]);

    progress.started(0);

    const line = (writes[0] ?? '').slice(CLEAR.length);
    assert.equal(line.length, 59);
    assert.equal(line, '[------------------------]   0%  0/1 files  0 B / 10 B  evi');
    const { stream: wide, writes: wideWrites } = fakeTerminal(200);
    new UploadProgress(wide, ['/tmp/evil\n\x1b[2Jname.jpg'], [10]).started(0);
    assert.ok(wideWrites[0]?.endsWith('  evil??[2Jname.jpg'));
  });
});

describe('formatUploadSummary', () => {
  const problem = (code: string, message: string) => ({ code, message, exitCode: 1 as const });

  it('sums up a clean run in one line', () => {
    const text = formatUploadSummary({
      uploaded: 50,
      uploadedBytes: 123 * 1024 * 1024,
      failed: [],
      skipped: 0,
      elapsedMs: 4249,
    });

    assert.equal(text, '50 uploaded, 0 failed, 123.0 MiB in 4.2 s\n');
  });

  it('lists each failed file with its code and message, and counts skipped files', () => {
    const text = formatUploadSummary({
      uploaded: 1,
      uploadedBytes: 800,
      failed: [
        { file: 'page.jpg', problem: problem('unsupported_media_type', 'An HTML page.') },
        { file: 'gone.mp4', problem: problem('file_not_found', 'No such file.') },
      ],
      skipped: 3,
      elapsedMs: 60,
    });

    assert.equal(
      text,
      '1 uploaded, 2 failed, 3 skipped, 800 B in 0.1 s\n' +
        'failed:\n' +
        '  page.jpg: unsupported_media_type: An HTML page.\n' +
        '  gone.mp4: file_not_found: No such file.\n',
    );
  });
});
