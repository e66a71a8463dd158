import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findTool } from './find-tool.js';
import { runTool } from './run-tool.js';

/** How an eSpeak NG voice speaks: its name (with variant), pitch 0–99 and words per minute. */
export interface SynthVoice {
  espeakVoice: string;
  pitch: number;
  wordsPerMinute: number;
}

export interface SpeechRequest {
  text: string;
  voice: SynthVoice;
  /** Speed factor, 1 = the voice's own rate. */
  speed: number;
  /** Pitch shift in the v2 body's units (-50 … 50), added to the voice's pitch. */
  pitchShift: number;
}

/**
 * The speech synthesiser: eSpeak NG, a system package that speaks offline. Found through
 * `ESPEAK_NG_PATH`, else `espeak-ng` on `PATH`.
 */
export function espeakNgPath(): string {
  return findTool({
    command: 'espeak-ng',
    environmentVariable: 'ESPEAK_NG_PATH',
    installHint: 'Install eSpeak NG (Debian/Ubuntu: apt-get install espeak-ng)',
  });
}

/**
 * Speaks `request.text` into a WAV file in `directory`. The text goes through a file, never the
 * command line, so nothing in it can be read as an option.
 */
export async function synthesizeSpeech(
  request: SpeechRequest,
  directory: string,
  name: string,
  signal: AbortSignal,
): Promise<string> {
  const executable = espeakNgPath();
  const textPath = join(directory, `${name}.txt`);
  const wavPath = join(directory, `${name}.wav`);
  await writeFile(textPath, request.text, 'utf8');

  const pitch = clamp(Math.round(request.voice.pitch + request.pitchShift), 0, 99);
  const rate = Math.round(request.voice.wordsPerMinute * request.speed);
  const voiceArgs = ['-v', request.voice.espeakVoice, '-p', String(pitch), '-s', String(rate)];
  await runTool(executable, [...voiceArgs, '-f', textPath, '-w', wavPath], signal);
  return wavPath;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
