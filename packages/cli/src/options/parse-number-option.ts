import { InvalidArgumentError } from 'commander';

/** Commander parser for a whole number in `[min, max]` (ports, seconds). */
export function integerInRange(min: number, max: number) {
  return (text: string): number => {
    const value = /^\d+$/.test(text.trim()) ? Number(text) : Number.NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      throw new InvalidArgumentError(`Expected a whole number from ${min} to ${max}.`);
    }
    return value;
  };
}

/** Commander parser for a number of seconds greater than 0; fractions allowed. */
export function positiveSeconds(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0) {
    throw new InvalidArgumentError('Expected a number of seconds greater than 0.');
  }
  return value;
}

/** Commander parser for an absolute http(s) URL. */
export function httpUrl(text: string): string {
  const url = URL.canParse(text) ? new URL(text) : undefined;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new InvalidArgumentError('Expected an http:// or https:// URL.');
  }
  return text;
}
