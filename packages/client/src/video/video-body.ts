/**
 * The JSON body of `POST /v2/video/generate` (SPEC §9), field for field as the server reads it.
 * The builders (`videoRequest`, `scene`, `avatar`, `textVoice`, `imageBackground`, …) make these
 * objects; a field left out takes the server's default, named on each field.
 */
export interface VideoRequest {
  /** The scenes, played in order: 1 to `MAX_SCENES`. */
  video_inputs: VideoScene[];
  /** Output size in pixels, both sides even and 128–4096. Server default 1920×1080. */
  dimension?: VideoDimension;
  /** Stored and returned by the status; at most 255 characters. */
  title?: string;
  /** Stored and returned by the status; at most 255 characters. */
  callback_id?: string;
  /** Accepted and ignored by heygen-assets (no watermark is ever added). */
  test?: boolean;
}

/** One scene: who is shown, what is heard, and what is behind. */
export interface VideoScene {
  character: VideoCharacter;
  voice: VideoVoice;
  /** Server default: white (`#ffffff`). */
  background?: VideoBackground;
}

export interface VideoDimension {
  width: number;
  height: number;
}

/** Where a character is moved from the centre, as fractions of half the frame (-1–1). */
export interface VideoOffset {
  x: number;
  y: number;
}

export type VideoCharacter = AvatarCharacter | TalkingPhotoCharacter;

/** A built-in presenter (`GET /v2/avatars`), drawn as a card for that avatar. */
export interface AvatarCharacter {
  type: 'avatar';
  avatar_id: string;
  /** Server default `normal`. */
  avatar_style?: AvatarStyle;
  /** 0–5; server default 1. */
  scale?: number;
  /** Server default centred. */
  offset?: VideoOffset;
}

export type AvatarStyle = 'normal' | 'circle' | 'closeUp';

/** An uploaded image, named by its asset id, placed in the frame. */
export interface TalkingPhotoCharacter {
  type: 'talking_photo';
  talking_photo_id: string;
  /** Server default `square`. */
  talking_photo_style?: TalkingPhotoStyle;
  /** 0–5; server default 1 (the photo fitted inside the frame). */
  scale?: number;
  /** Server default centred. */
  offset?: VideoOffset;
}

export type TalkingPhotoStyle = 'square' | 'circle';

export type VideoVoice = TextVoice | AudioVoice | SilenceVoice;

/** Text spoken by a built-in voice (`GET /v2/voices`). */
export interface TextVoice {
  type: 'text';
  voice_id: string;
  /** 1–5000 characters. */
  input_text: string;
  /** 0.5–1.5; server default 1. */
  speed?: number;
  /** -50–50; server default 0. */
  pitch?: number;
}

/** An audio track: exactly one of `audio_url` and `audio_asset_id`. */
export interface AudioVoice {
  type: 'audio';
  audio_url?: string;
  audio_asset_id?: string;
}

/** Silence, for `duration` seconds (1–100; server default 1). */
export interface SilenceVoice {
  type: 'silence';
  duration?: number;
}

export type VideoBackground = ColorBackground | ImageBackground | VideoClipBackground;

export interface ColorBackground {
  type: 'color';
  /** `#rgb` or `#rrggbb`. */
  value: string;
}

/** An image: exactly one of `url` and `image_asset_id`. */
export interface ImageBackground {
  type: 'image';
  url?: string;
  image_asset_id?: string;
  /** Server default `cover`. */
  fit?: BackgroundFit;
}

/** A video clip: exactly one of `url` and `video_asset_id`. */
export interface VideoClipBackground {
  type: 'video';
  url?: string;
  video_asset_id?: string;
  /** Server default `loop`. */
  play_style?: PlayStyle;
  /** Server default `cover`. */
  fit?: BackgroundFit;
}

/** `cover`/`crop` fill the frame, `contain` shows it whole, `none` keeps its pixel size. */
export type BackgroundFit = 'cover' | 'contain' | 'crop' | 'none';

/** How a clip shorter or longer than its scene plays. */
export type PlayStyle = 'loop' | 'freeze' | 'fit_to_scene' | 'once';
