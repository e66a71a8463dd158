/**
 * The shape of SubRip (.srt) cues: a counter line, a timing line
 * `HH:MM:SS,mmm --> HH:MM:SS,mmm` (a dot is accepted for the comma, as players do), then text.
 */

/** A timing line; groups are the start and end times. Trailing position hints are allowed. */
export const SUBRIP_TIMING_LINE =
  /^\s*(\d{1,3}):([0-5]\d):([0-5]\d)[,.](\d{1,3})\s*-->\s*(\d{1,3}):([0-5]\d):([0-5]\d)[,.](\d{1,3})(?:\s.*)?$/;

/** A cue counter line. */
export const SUBRIP_COUNTER_LINE = /^\s*\d+\s*$/;

/**
 * Whether text starts like SubRip: optional blank lines, a counter line, then a line with the
 * `-->` arrow (well-formed or not; the full check reports a malformed one with its line).
 */
export function startsLikeSubRip(text: string): boolean {
  return /^[\s\uFEFF]*\d+[ \t]*\r?\n[^\r\n]*-->/.test(text);
}
