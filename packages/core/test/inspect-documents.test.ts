import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bufferSource, inspectMedia } from '../src/index.js';

const inspect = (bytes: Uint8Array) => inspectMedia(bufferSource(bytes));

const MINIMAL_PDF = [
  '%PDF-1.4',
  '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
  '2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj',
  'trailer << /Root 1 0 R >>',
  '%%EOF',
  '',
].join('\n');

const CUES = [
  '1',
  '00:00:01,000 --> 00:00:02,500',
  'Hello',
  '',
  '2',
  '00:00:03,000 --> 00:00:04,000 X1:10 X2:20',
  'Two lines',
  'of text',
  '',
];

test('accepts a PDF with its end-of-file marker', async () => {
  const facts = await inspect(Buffer.from(MINIMAL_PDF, 'latin1'));

  assert.deepEqual(facts, {
    mimeType: 'application/pdf',
    fileType: 'pdf',
    sizeBytes: MINIMAL_PDF.length,
  });
});

test('rejects a PDF cut before its end-of-file marker as incomplete', async () => {
  await assert.rejects(inspect(Buffer.from(MINIMAL_PDF.slice(0, 60), 'latin1')), {
    code: 'incomplete_media',
    message: /%%EOF/,
  });
});

test('accepts SubRip in UTF-8 with CRLF line ends', async () => {
  const facts = await inspect(Buffer.from(CUES.join('\r\n'), 'utf8'));

  assert.deepEqual(facts, {
    mimeType: 'application/x-subrip',
    fileType: 'subtitle',
    sizeBytes: Buffer.byteLength(CUES.join('\r\n')),
  });
});

test('accepts SubRip in UTF-16 with a byte-order mark and in Windows-1252', async () => {
  const withAccents = CUES.join('\n').replace('Hello', 'Déjà vu – ça va');
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(withAccents, 'utf16le')]);
  const windows1252 = Buffer.from(withAccents.replace('–', '-'), 'latin1');

  assert.equal((await inspect(utf16)).mimeType, 'application/x-subrip');
  assert.equal((await inspect(windows1252)).mimeType, 'application/x-subrip');
});

test('accepts SubRip in big-endian UTF-16 with its byte-order mark', async () => {
  const littleEndian = Buffer.from(CUES.join('\r\n'), 'utf16le');
  const bigEndian = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(littleEndian).swap16()]);

  assert.equal((await inspect(bigEndian)).mimeType, 'application/x-subrip');
});

test('rejects a UTF-16 SubRip file with a bad cue, naming its line', async () => {
  const broken = [...CUES.slice(0, 4), '2', '00:00:03 --> 00:00:04', 'Oops', ''].join('\n');
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(broken, 'utf16le')]);

  await assert.rejects(inspect(utf16), { code: 'corrupt_media', message: /line 6/ });
});

test('rejects a SubRip cue without milliseconds, naming its line', async () => {
  const broken = [...CUES.slice(0, 4), '2', '00:00:03 --> 00:00:04', 'Oops', ''].join('\n');

  await assert.rejects(inspect(Buffer.from(broken)), {
    code: 'corrupt_media',
    message: /line 6: expected a timing line/,
  });
});

test('rejects a SubRip cue that ends before it starts', async () => {
  const backwards = ['1', '00:00:05,000 --> 00:00:04,000', 'Back', ''].join('\n');

  await assert.rejects(inspect(Buffer.from(backwards)), {
    code: 'corrupt_media',
    message: /line 2: the cue ends before it starts/,
  });
});
