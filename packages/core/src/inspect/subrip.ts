import { MediaRejectedError } from '../errors.js';
import type { FormatFacts, FormatInspection } from './format-inspector.js';
import { readFully } from './read-fully.js';
import { SUBRIP_COUNTER_LINE, SUBRIP_TIMING_LINE } from './subrip-syntax.js';
import { decodeText } from './text-decoding.js';

/**
 * SubRip check: decodes the text (UTF-8, UTF-16 with a BOM, or Windows-1252) and requires every
 * cue to have a well-formed timing line whose end is not before its start. The first bad cue
 * is reported with its line number. Subtitles are small (5 MiB limit), so the file is read whole.
 */

export async function inspectSubRip({ source }: FormatInspection): Promise<FormatFacts> {
  const { text } = decodeText(await readFully(source, 0, source.size));
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);

  let cues = 0;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    const next = lines[index + 1] ?? '';
    const startsCue = SUBRIP_COUNTER_LINE.test(line) && next.includes('-->');
    if (!startsCue) {
      if (cues === 0 && line.trim() !== '') throw badCue(index + 1, 'expected a cue number', line);
      continue;
    }

    const timing = SUBRIP_TIMING_LINE.exec(next);
    if (!timing) {
      throw badCue(index + 2, 'expected a timing line like 00:00:01,000 --> 00:00:02,500', next);
    }
    const start = seconds(timing.slice(1, 5));
    const end = seconds(timing.slice(5, 9));
    if (end < start) throw badCue(index + 2, 'the cue ends before it starts', next);
    cues++;
    index++;
  }

  if (cues === 0) throw badCue(1, 'the file has no cues', '');
  return {};
}

function seconds([hours, minutes, secs, millis]: string[]): number {
  const fraction = Number((millis ?? '0').padEnd(3, '0')) / 1000;
  return Number(hours) * 3600 + Number(minutes) * 60 + Number(secs) + fraction;
}

function badCue(lineNumber: number, problem: string, line: string): MediaRejectedError {
  const shown = line.length > 80 ? `${line.slice(0, 80)}…` : line;
  return new MediaRejectedError(
    'corrupt_media',
    `The SubRip file is not valid at line ${lineNumber}: ${problem}` +
      `${shown ? `, found ${JSON.stringify(shown)}` : ''}. Fix that cue and upload the file again.`,
  );
}
