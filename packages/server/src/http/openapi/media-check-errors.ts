import { ERROR_STATUS, MEDIA_ERROR_CODES } from '@heygen-assets/core';

/** The media checks' codes (SPEC §3) grouped by HTTP status, as `RouteDoc.errors` lists them. */
const MEDIA_CHECK_ERRORS: Readonly<Record<number, string>> = (() => {
  const codesByStatus = new Map<number, string[]>();
  for (const code of MEDIA_ERROR_CODES) {
    const status = ERROR_STATUS[code];
    codesByStatus.set(status, [...(codesByStatus.get(status) ?? []), `\`${code}\``]);
  }
  const entries = [...codesByStatus].map(([status, codes]) => [
    status,
    `Media checks (SPEC §3): ${codes.join(', ')}.`,
  ]);
  return Object.fromEntries(entries);
})();

/** `errors` of a route that verifies uploaded bytes: its own, plus every media check's. */
export function withMediaChecks(errors: Readonly<Record<number, string>>): Record<number, string> {
  const merged: Record<number, string> = { ...MEDIA_CHECK_ERRORS };
  for (const [status, description] of Object.entries(errors)) {
    const known = merged[Number(status)];
    merged[Number(status)] = known ? `${description} ${known}` : description;
  }
  return merged;
}
