import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, it } from 'node:test';
import { peekStream } from '../src/source/peek-stream.js';

describe('peekStream', () => {
  it('gives at least the requested head and replays everything from the first byte', async () => {
    const source = Readable.from([Buffer.from('abc'), Buffer.from('def'), Buffer.from('ghi')]);

    const peeked = await peekStream(source, 4);

    assert.equal(peeked.head.toString(), 'abcdef');
    assert.equal(peeked.ended, false);
    assert.equal(await text(peeked.stream), 'abcdefghi');
  });

  it('says when the head is the whole content', async () => {
    const peeked = await peekStream(Readable.from([Buffer.from('short')]), 100);

    assert.equal(peeked.head.toString(), 'short');
    assert.equal(peeked.ended, true);
    assert.equal(await text(peeked.stream), 'short');
  });

  it('handles an empty stream', async () => {
    const peeked = await peekStream(Readable.from([]), 10);

    assert.equal(peeked.head.byteLength, 0);
    assert.equal(peeked.ended, true);
    assert.equal(await text(peeked.stream), '');
  });

  it('accepts a stream of strings', async () => {
    const peeked = await peekStream(Readable.from(['hé', 'llo'], { objectMode: true }), 1);

    assert.equal(await text(peeked.stream), 'héllo');
  });

  it('passes on an error of the original stream after the head', async () => {
    const failure = new Error('broken');
    async function* failing() {
      yield Buffer.from('head');
      throw failure;
    }
    const peeked = await peekStream(Readable.from(failing()), 2);

    await assert.rejects(text(peeked.stream), (error: unknown) => error === failure);
  });

  it('closes the original stream when the replay is destroyed early', async () => {
    const source = Readable.from([Buffer.from('abc'), Buffer.from('def')]);
    const peeked = await peekStream(source, 1);

    peeked.stream.destroy();
    await new Promise((resolve) => peeked.stream.on('close', resolve));
    await new Promise((resolve) => setImmediate(resolve));

    assert.equal(source.destroyed, true);
  });
});
