/**
 * Image optimisation was asked for, but sharp — the optional peer dependency that decodes and
 * encodes the images — is not installed or cannot be loaded on this platform. Nothing was sent.
 * The loading error is kept in `cause`.
 */
export class OptimizerUnavailableError extends Error {
  override name = 'OptimizerUnavailableError';
  readonly code = 'optimizer_unavailable';
  readonly hint: string;

  /** @param installed whether sharp was found but failed to load (a missing native binary) */
  constructor(installed: boolean, cause: unknown) {
    super(
      installed
        ? 'Image optimisation needs sharp, which is installed but could not be loaded.'
        : 'Image optimisation needs sharp, which is not installed.',
      { cause },
    );
    this.hint = installed
      ? 'Reinstall sharp for this platform (npm install sharp), or upload without optimize.'
      : 'Install it next to the SDK (npm install sharp), or upload without optimize.';
  }
}
