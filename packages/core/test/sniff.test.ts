import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeJpeg, makeMp3, makeMp4, makePng, makeWav } from '@heygen-assets/testkit';
import { type SniffResult, sniffMediaType } from '../src/index.js';

const text = (value: string) => Buffer.from(value, 'utf8');

function refusedName(result: SniffResult): string {
  assert.equal(result.kind, 'refused', JSON.stringify(result));
  return result.kind === 'refused' ? result.name : '';
}

function ftyp(majorBrand: string, ...compatible: string[]): Buffer {
  const box = Buffer.alloc(16 + 4 * compatible.length);
  box.writeUInt32BE(box.byteLength);
  box.write(`ftyp${majorBrand}\0\0\0\0${compatible.join('')}`, 4, 'latin1');
  return Buffer.concat([box, Buffer.alloc(64)]);
}

function ebmlHeader(docType: string): Buffer {
  const docTypeElement = Buffer.concat([
    Buffer.from([0x42, 0x82, 0x80 | docType.length]),
    Buffer.from(docType, 'latin1'),
  ]);
  return Buffer.concat([
    Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x80 | docTypeElement.byteLength]),
    docTypeElement,
  ]);
}

test('accepts the signatures of JPEG, PNG, MP4, MP3 and WAV made in code', async () => {
  const cases = [
    ['image/jpeg', await makeJpeg()],
    ['image/png', await makePng()],
    ['video/mp4', await makeMp4()],
    ['audio/mpeg', await makeMp3()],
    ['audio/mpeg', await makeMp3({ id3: true })],
    ['audio/wav', makeWav()],
  ] as const;
  for (const [type, bytes] of cases) {
    assert.deepEqual(sniffMediaType(bytes), { kind: 'accepted', type });
  }
});

test('accepts PDF, WebM with a NUL-padded DocType, and SubRip in UTF-8 and UTF-16', () => {
  const srt = '1\r\n00:00:01,000 --> 00:00:02,000\r\nHello\r\n';
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(srt, 'utf16le')]);

  assert.deepEqual(sniffMediaType(text('%PDF-1.7\n')), {
    kind: 'accepted',
    type: 'application/pdf',
  });
  assert.deepEqual(sniffMediaType(ebmlHeader('webm\0')), { kind: 'accepted', type: 'video/webm' });
  assert.deepEqual(sniffMediaType(text(srt)), { kind: 'accepted', type: 'application/x-subrip' });
  assert.deepEqual(sniffMediaType(utf16), { kind: 'accepted', type: 'application/x-subrip' });
});

test('refuses GIF, WebP and TIFF images by name', () => {
  assert.equal(refusedName(sniffMediaType(text('GIF89a\x01\x00'))), 'image/gif');
  assert.equal(refusedName(sniffMediaType(text('RIFF\x10\x00\x00\x00WEBPVP8 '))), 'image/webp');
  assert.equal(
    refusedName(sniffMediaType(Buffer.from([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0]))),
    'image/tiff',
  );
});

test('refuses HEIC and AVIF stills that share the MP4 container', () => {
  assert.match(refusedName(sniffMediaType(ftyp('heic', 'mif1', 'heic'))), /HEIC\/HEIF/);
  assert.match(refusedName(sniffMediaType(ftyp('mif1', 'heic'))), /HEIC\/HEIF/);
  assert.equal(refusedName(sniffMediaType(ftyp('avif', 'mif1'))), 'image/avif');
});

test('refuses QuickTime with a hint to convert to MP4, with or without ftyp', () => {
  const withBrand = sniffMediaType(ftyp('qt  ', 'qt  '));
  const mdatFirst = sniffMediaType(
    Buffer.concat([Buffer.from('\0\0\0\x10mdat', 'latin1'), Buffer.alloc(8)]),
  );

  assert.match(refusedName(withBrand), /QuickTime/);
  assert.match(withBrand.kind === 'refused' ? (withBrand.hint ?? '') : '', /MP4/);
  assert.match(refusedName(mdatFirst), /QuickTime/);
});

test('accepts other MP4-family brands (M4V, iso6/dash) for the structural check', () => {
  assert.deepEqual(sniffMediaType(ftyp('M4V ', 'M4A ', 'mp42', 'isom')), {
    kind: 'accepted',
    type: 'video/mp4',
  });
  assert.deepEqual(sniffMediaType(ftyp('iso6', 'dash')), { kind: 'accepted', type: 'video/mp4' });
});

test('refuses M4A audio and Matroska by name', () => {
  assert.match(refusedName(sniffMediaType(ftyp('M4A ', 'isom'))), /audio\/mp4/);
  assert.match(refusedName(sniffMediaType(ebmlHeader('matroska'))), /Matroska/);
});

test('refuses ADTS AAC, bare or behind an ID3 tag', () => {
  const frame = Buffer.alloc(100);
  frame.set([0xff, 0xf1, 0x50, 0x80, (100 >> 3) & 0xff, ((100 & 0x07) << 5) | 0x1f, 0xfc]);
  const adts = Buffer.concat([frame, frame, frame, frame]);
  const tagged = Buffer.concat([
    Buffer.from('ID3\x04\x00\x00\x00\x00\x00\x0a', 'latin1'),
    Buffer.alloc(10),
    adts,
  ]);

  assert.match(refusedName(sniffMediaType(adts)), /audio\/aac/);
  assert.match(refusedName(sniffMediaType(tagged)), /audio\/aac/);
});

test('refuses SVG, HTML, JSON and WebVTT text by name', () => {
  const svg =
    '<?xml version="1.0"?>\n<!-- drawn by hand -->\n<svg xmlns="http://www.w3.org/2000/svg"/>';

  assert.match(refusedName(sniffMediaType(text(svg))), /SVG/);
  assert.match(
    refusedName(sniffMediaType(text('\n<!DOCTYPE html><html><body>502</body></html>'))),
    /text\/html/,
  );
  assert.equal(refusedName(sniffMediaType(text('{ "error": "not found" }'))), 'application/json');
  assert.match(
    refusedName(sniffMediaType(text('WEBVTT\n\n00:01.000 --> 00:02.000\nHi'))),
    /WebVTT/,
  );
});

test('calls random bytes and plain text unknown', () => {
  assert.deepEqual(sniffMediaType(Buffer.from([0, 1, 2, 3, 4, 5, 6, 7])), { kind: 'unknown' });
  assert.deepEqual(sniffMediaType(text('just some notes\n')), { kind: 'unknown' });
  assert.deepEqual(sniffMediaType(new Uint8Array(0)), { kind: 'unknown' });
});
