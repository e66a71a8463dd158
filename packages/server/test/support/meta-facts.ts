import type { ReportedFacts } from '@heygen-assets/testkit';

/** The `meta` object of an asset as the API returns it (snake_case). */
export interface MetaJson {
  mime_type: string;
  size_bytes: number;
  sha256: string;
  width?: number;
  height?: number;
  duration?: number;
  codecs?: string[];
  has_alpha?: boolean;
  has_audio?: boolean;
}

/** `meta` in the shape testkit's corpus assertions read (core's `MediaFacts`). */
export function reportedFacts(meta: MetaJson): ReportedFacts {
  return {
    mimeType: meta.mime_type,
    width: meta.width,
    height: meta.height,
    durationSeconds: meta.duration,
    codecs: meta.codecs,
    hasAlpha: meta.has_alpha,
    hasAudio: meta.has_audio,
  };
}
