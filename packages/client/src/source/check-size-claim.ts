import { MediaRejectedError } from '@heygen-assets/core';

/** Refuses a declared size that differs from the size the source really has. */
export function checkSizeClaim(claimedBytes: number | undefined, actualBytes: number): void {
  if (claimedBytes === undefined || claimedBytes === actualBytes) return;

  throw new MediaRejectedError(
    'size_mismatch',
    `The size was declared as ${claimedBytes} bytes but the source has ${actualBytes} bytes.`,
    { hint: 'Leave sizeBytes out for a path or bytes; it is measured.' },
  );
}
