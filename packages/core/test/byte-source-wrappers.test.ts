import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bufferSource } from '../src/index.js';
import { readAheadSource } from '../src/inspect/read-ahead-source.js';
import { windowSource } from '../src/inspect/window-source.js';
import { recordingSource } from './support/recording-source.js';

const BYTES = Uint8Array.from({ length: 10_000 }, (_, index) => index % 251);

test('readAheadSource answers small reads inside the last block from memory', async () => {
  const inner = recordingSource(bufferSource(BYTES));
  const source = readAheadSource(inner, 1000);

  assert.deepEqual(await source.read(100, 8), BYTES.subarray(100, 108));
  assert.deepEqual(await source.read(500, 500), BYTES.subarray(500, 1000));
  assert.deepEqual(await source.read(1096, 8), BYTES.subarray(1096, 1104));

  assert.deepEqual(inner.reads, [
    { offset: 100, length: 1000 },
    { offset: 1096, length: 1000 },
  ]);
});

test('readAheadSource passes large reads through and clips at the end of the source', async () => {
  const inner = recordingSource(bufferSource(BYTES));
  const source = readAheadSource(inner, 1000);

  assert.equal((await source.read(0, 4000)).byteLength, 4000);
  assert.deepEqual(await source.read(9990, 50), BYTES.subarray(9990));
  assert.equal((await source.read(20_000, 8)).byteLength, 0);
  assert.deepEqual(inner.reads[0], { offset: 0, length: 4000 });
});

test('windowSource serves its window from memory and everything else from the source', async () => {
  const inner = recordingSource(bufferSource(BYTES));
  const source = windowSource(inner, 2000, BYTES.slice(2000, 3000));

  assert.deepEqual(await source.read(2500, 100), BYTES.subarray(2500, 2600));
  assert.deepEqual(await source.read(2990, 20), BYTES.subarray(2990, 3010));
  assert.deepEqual(inner.reads, [{ offset: 2990, length: 20 }]);
});
