import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeJpeg, makeMp3, makeMp4, makePng, makeWav, makeWebm } from '@heygen-assets/testkit';
import { bufferSource, inspectMedia, MediaRejectedError } from '../src/index.js';
import { box } from './support/iso-bmff-boxes.js';
import { buildPng, encodePngChunk, type PngChunk, pngChunks } from './support/png-chunks.js';

/** Longest one inspection of a small hostile file may take, in milliseconds. */
const MAX_INSPECTION_MS = 2000;

/** A small seeded generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/** Inspects `bytes` and fails unless it ends in facts or a `MediaRejectedError`, in time. */
async function assertCleanVerdict(bytes: Uint8Array, label: string): Promise<void> {
  const started = performance.now();
  try {
    await inspectMedia(bufferSource(bytes));
  } catch (error) {
    assert.ok(error instanceof MediaRejectedError, `${label}: ${String(error)}`);
  }
  const elapsed = performance.now() - started;
  assert.ok(elapsed < MAX_INSPECTION_MS, `${label} took ${elapsed.toFixed(0)} ms`);
}

async function fixtures(): Promise<[string, Buffer][]> {
  return [
    ['jpeg', await makeJpeg({ width: 64, height: 48, orientation: 6 })],
    ['png', await makePng({ width: 64, height: 48, alpha: true })],
    ['mp4', await makeMp4({ seconds: 0.5, width: 64, height: 48 })],
    ['fragmented mp4', await makeMp4({ seconds: 0.5, width: 64, height: 48, fragmented: true })],
    ['mp3', await makeMp3({ seconds: 0.5, id3: true })],
    ['wav', makeWav({ seconds: 0.1 })],
    ['webm', await makeWebm({ seconds: 0.5, width: 64, height: 48 })],
    ['live webm', await makeWebm({ seconds: 0.5, width: 64, height: 48, live: true })],
  ];
}

test('ends every truncation of every format in facts or a media rejection', async () => {
  for (const [name, bytes] of await fixtures()) {
    const step = Math.max(1, Math.floor(bytes.byteLength / 97));
    for (let length = 1; length < bytes.byteLength; length += step) {
      await assertCleanVerdict(bytes.subarray(0, length), `${name} cut at ${length}`);
    }
  }
});

test('ends every corrupted copy of every format in facts or a media rejection', async () => {
  const next = random(20240611);
  for (const [name, bytes] of await fixtures()) {
    for (let round = 0; round < 150; round++) {
      const copy = Buffer.from(bytes);
      // Damage the headers more often than the payload: that is where parsers break.
      const span = next() < 0.7 ? Math.min(copy.byteLength, 2048) : copy.byteLength;
      for (let flips = 1 + Math.floor(next() * 4); flips > 0; flips--) {
        copy[Math.floor(next() * span)] = Math.floor(next() * 256);
      }
      await assertCleanVerdict(copy, `${name} round ${round}`);
    }
  }
});

test('ends random bytes behind every accepted signature in a media rejection', async () => {
  const next = random(7);
  const signatures = [
    '\xff\xd8\xff',
    '\x89PNG\r\n\x1a\n',
    '\0\0\0\x18ftypisom',
    'RIFF\xff\xff\xff\xffWAVE',
    'ID3\x03\0\0\0\0\x01\0',
    '%PDF-1.4',
    '\x1aE\xdf\xa3',
  ];
  for (const signature of signatures) {
    for (let round = 0; round < 30; round++) {
      const noise = Buffer.from(
        Array.from({ length: Math.floor(next() * 4000) }, () => Math.floor(next() * 256)),
      );
      await assertCleanVerdict(
        Buffer.concat([Buffer.from(signature, 'latin1'), noise]),
        `${JSON.stringify(signature)} ${round}`,
      );
    }
  }
});

test('stops a flood of tiny top-level MP4 boxes with a clean rejection', async () => {
  const ftyp = box('ftyp', Buffer.from('isom\0\0\0\0isom', 'latin1'));
  const flood = Buffer.concat([
    ftyp,
    Buffer.concat(Array.from({ length: 120_000 }, () => box('free'))),
  ]);

  await assert.rejects(inspectMedia(bufferSource(flood)), {
    code: 'corrupt_media',
    message: /top-level boxes/,
  });
});

test('stops a flood of tiny PNG chunks with a clean rejection', async () => {
  const chunks = pngChunks(await makePng({ width: 8, height: 8 }));
  const filler = encodePngChunk({ type: 'tEXt', data: Buffer.alloc(0) });
  const header = buildPng([chunks[0] as PngChunk]);
  const flood = Buffer.concat([
    header,
    ...Array(210_000).fill(filler),
    ...chunks.slice(1).map(encodePngChunk),
  ]);

  await assert.rejects(inspectMedia(bufferSource(flood)), {
    code: 'corrupt_media',
    message: /chunks/,
  });
});
