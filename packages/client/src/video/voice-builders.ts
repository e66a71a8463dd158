import { type AssetReference, resolveReference } from './asset-reference.js';
import { DEFAULT_VOICE_ID } from './catalogue-ids.js';
import { definedFields } from './defined-fields.js';
import type { AudioVoice, SilenceVoice, TextVoice } from './video-body.js';

export interface TextVoiceOptions {
  /** A voice of `GET /v2/voices`. Default `DEFAULT_VOICE_ID` (the guide's narrator). */
  voiceId?: string | undefined;
  /** Speaking rate, 0.5–1.5; server default 1. */
  speed?: number | undefined;
  /** Pitch shift, -50–50; server default 0. */
  pitch?: number | undefined;
}

/** `text` spoken by a built-in voice; the scene lasts as long as the speech. */
export function textVoice(text: string, options: TextVoiceOptions = {}): TextVoice {
  return {
    type: 'text',
    voice_id: options.voiceId ?? DEFAULT_VOICE_ID,
    input_text: text,
    ...definedFields({ speed: options.speed, pitch: options.pitch }),
  };
}

/**
 * An audio asset (by id, or what `uploadFile` resolves with) or an http(s) URL; the scene lasts
 * as long as the audio.
 */
export function audioVoice(audio: AssetReference): AudioVoice {
  const resolved = resolveReference(audio, 'voice.audio_asset_id');
  return 'assetId' in resolved
    ? { type: 'audio', audio_asset_id: resolved.assetId }
    : { type: 'audio', audio_url: resolved.url };
}

/** `seconds` of silence (1–100; server default 1). */
export function silence(seconds?: number): SilenceVoice {
  return { type: 'silence', ...definedFields({ duration: seconds }) };
}
