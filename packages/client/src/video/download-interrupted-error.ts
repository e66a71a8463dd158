/**
 * A download into a caller's stream broke off after some bytes had been written to it. A file
 * path is downloaded again from the start on a retryable failure; a stream cannot take the bytes
 * back, so the download is not retried and the failure is kept in `cause`. Pass a path to have
 * it retried.
 */
export class DownloadInterruptedError extends Error {
  override name = 'DownloadInterruptedError';
  readonly code = 'download_interrupted';
  /** Bytes already written to the stream when the download broke off. */
  readonly writtenBytes: number;

  constructor(writtenBytes: number, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      `${reason.replace(/\.$/, '')}. Not retried: ${writtenBytes} bytes were already written to ` +
        'the destination stream; pass a file path to have the download retried.',
      { cause },
    );
    this.writtenBytes = writtenBytes;
  }
}
