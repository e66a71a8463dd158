import type { SynthVoice } from '../render/speech.js';

/** A built-in voice, spoken by eSpeak NG with its own voice variant, pitch and rate. */
export interface Voice {
  voiceId: string;
  name: string;
  language: string;
  gender: 'male' | 'female';
  synth: SynthVoice;
}

/** The built-in voices; the guide's examples use `1bd001e7e50f421d891986aad5158bc8`. */
export const VOICES: readonly Voice[] = [
  {
    voiceId: '1bd001e7e50f421d891986aad5158bc8',
    name: 'Narrator',
    language: 'English',
    gender: 'male',
    synth: { espeakVoice: 'en-us', pitch: 45, wordsPerMinute: 165 },
  },
  {
    voiceId: 'f3c1a6b2d54e4c0f9a7b8e2d1c6f5a40',
    name: 'Presenter',
    language: 'English',
    gender: 'female',
    synth: { espeakVoice: 'en-us+f3', pitch: 55, wordsPerMinute: 170 },
  },
  {
    voiceId: '7a2e9d4c1b8f4e6a9c3d5b0e8f1a2c7d',
    name: 'Storyteller',
    language: 'English',
    gender: 'male',
    synth: { espeakVoice: 'en-gb', pitch: 40, wordsPerMinute: 155 },
  },
];

export function findVoice(voiceId: string): Voice | undefined {
  return VOICES.find((voice) => voice.voiceId === voiceId);
}
