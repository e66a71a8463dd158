/** Process exit codes (SPEC §10), shared by every command. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
export const EXIT_AUTH = 3;
export const EXIT_TIMEOUT = 4;

export type ExitCode =
  | typeof EXIT_OK
  | typeof EXIT_FAILURE
  | typeof EXIT_USAGE
  | typeof EXIT_AUTH
  | typeof EXIT_TIMEOUT;

/** How much each code says about what went wrong; the most telling one wins at the end. */
const SEVERITY: Record<ExitCode, number> = {
  [EXIT_OK]: 0,
  [EXIT_FAILURE]: 1,
  [EXIT_TIMEOUT]: 2,
  [EXIT_AUTH]: 3,
  [EXIT_USAGE]: 4,
};

export function worstExitCode(a: ExitCode, b: ExitCode): ExitCode {
  return SEVERITY[b] > SEVERITY[a] ? b : a;
}
