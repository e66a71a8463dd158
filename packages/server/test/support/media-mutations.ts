import { pick, type Random, randomInt } from './seeded-random.js';
import { type StructureSpan, structureSpans } from './structure-spans.js';

/** A valid file a fuzzer starts from. */
export interface FuzzSeed {
  name: string;
  bytes: Buffer;
}

/** One mutated file and how it was made, for the failure message. */
export interface FuzzCase {
  label: string;
  bytes: Buffer;
}

/** Where the parsers' decisions are made; most byte flips land here. */
const HEADER_REGION_BYTES = 4096;

/** Values written over a length field: empty, too small for a header, huge, and random. */
const EXTREME_SIZES = [0, 1, 7, 8, 0xffff, 0x7fffffff, 0xffffffff] as const;

type Mutator = (seed: FuzzSeed, seeds: readonly FuzzSeed[], random: Random) => FuzzCase;

/** Keeps the first bytes only, as an upload cut short does. */
const truncate: Mutator = (seed, _seeds, random) => {
  const length = randomInt(random, 0, seed.bytes.byteLength);
  return { label: `${seed.name} cut to ${length} bytes`, bytes: seed.bytes.subarray(0, length) };
};

/** Overwrites 1–8 bytes with random values, mostly in the header region. */
const flipBytes: Mutator = (seed, _seeds, random) => {
  const bytes = Buffer.from(seed.bytes);
  const offsets: number[] = [];
  for (let count = randomInt(random, 1, 9); count > 0; count--) {
    const span =
      random() < 0.7 ? Math.min(bytes.byteLength, HEADER_REGION_BYTES) : bytes.byteLength;
    const offset = randomInt(random, 0, span);
    bytes[offset] = randomInt(random, 0, 256);
    offsets.push(offset);
  }
  return { label: `${seed.name} with bytes changed at ${offsets.join(', ')}`, bytes };
};

/** The head of one format followed by the body of another (or of itself, elsewhere). */
const spliceHeaders: Mutator = (seed, seeds, random) => {
  const other = pick(random, seeds);
  const headBytes = randomInt(random, 1, Math.min(seed.bytes.byteLength, HEADER_REGION_BYTES));
  const from = randomInt(random, 0, other.bytes.byteLength);
  return {
    label: `${headBytes} head bytes of ${seed.name} + ${other.name} from byte ${from}`,
    bytes: Buffer.concat([seed.bytes.subarray(0, headBytes), other.bytes.subarray(from)]),
  };
};

/** A structural unit (chunk, box, segment) or, in other formats, a random range, twice. */
const duplicateUnit: Mutator = (seed, _seeds, random) => {
  const { start, end, what } = unitOf(seed.bytes, random);
  return {
    label: `${seed.name} with ${what} ${start}–${end} duplicated`,
    bytes: Buffer.concat([seed.bytes.subarray(0, end), seed.bytes.subarray(start)]),
  };
};

/** A structural unit or a random range removed. */
const deleteUnit: Mutator = (seed, _seeds, random) => {
  const { start, end, what } = unitOf(seed.bytes, random);
  return {
    label: `${seed.name} without ${what} ${start}–${end}`,
    bytes: Buffer.concat([seed.bytes.subarray(0, start), seed.bytes.subarray(end)]),
  };
};

/** A unit's length field overwritten with an extreme or random value. */
const resizeUnit: Mutator = (seed, seeds, random) => {
  const spans = structureSpans(seed.bytes);
  if (spans.length === 0) return flipBytes(seed, seeds, random);

  const { sizeField, start } = pick(random, spans);
  const bytes = Buffer.from(seed.bytes);
  const value = random() < 0.6 ? pick(random, EXTREME_SIZES) : randomInt(random, 0, 2 ** 32);
  const fitted = sizeField.bytes === 2 ? value & 0xffff : value >>> 0;
  if (sizeField.bytes === 2) bytes.writeUInt16BE(fitted, sizeField.offset);
  else if (sizeField.littleEndian) bytes.writeUInt32LE(fitted, sizeField.offset);
  else bytes.writeUInt32BE(fitted, sizeField.offset);
  return { label: `${seed.name} with the unit at ${start} sized ${fitted}`, bytes };
};

function unitOf(bytes: Buffer, random: Random): { start: number; end: number; what: string } {
  const spans: StructureSpan[] = structureSpans(bytes);
  if (spans.length > 0 && random() < 0.8) return { ...pick(random, spans), what: 'unit' };

  const start = randomInt(random, 0, bytes.byteLength);
  const end = Math.min(bytes.byteLength, start + randomInt(random, 1, 2048));
  return { start, end, what: 'bytes' };
}

/** Every mutation, each as likely as the others. */
const MUTATORS: readonly Mutator[] = [
  truncate,
  flipBytes,
  spliceHeaders,
  duplicateUnit,
  deleteUnit,
  resizeUnit,
];

/** One mutated copy of a random seed. */
export function mutatedCase(seeds: readonly FuzzSeed[], random: Random): FuzzCase {
  const seed = pick(random, seeds);
  return pick(random, MUTATORS)(seed, seeds, random);
}
