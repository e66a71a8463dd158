/** A source of numbers in [0, 1) that a seed replays exactly. */
export type Random = () => number;

/**
 * mulberry32: a tiny 32-bit generator, good enough to spread test inputs and fully determined
 * by its seed, so a failing fuzz case can be replayed from the seed in the test output.
 */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** A whole number in [min, max). */
export function randomInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * Math.max(0, max - min));
}

export function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[randomInt(random, 0, items.length)];
  if (item === undefined) throw new RangeError('Cannot pick from an empty list.');
  return item;
}
