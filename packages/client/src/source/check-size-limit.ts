import { type CanonicalMediaType, MediaRejectedError, mediaTypeRule } from '@heygen-assets/core';

/** Refuses a file over its type's size limit (SPEC §3) before anything is sent. */
export function checkSizeLimit(type: CanonicalMediaType, sizeBytes: number): void {
  const { maxBytes } = mediaTypeRule(type);
  if (sizeBytes <= maxBytes) return;

  throw new MediaRejectedError(
    'file_too_large',
    `The file is ${sizeBytes} bytes; ${type} is limited to ${maxBytes} bytes.`,
  );
}
