/** Largest JSON request body, in bytes: API requests are small; files never come as JSON. */
export const JSON_BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * How long a connection may send nothing before it is closed, in milliseconds. An idle limit,
 * not a total one: a large upload on a slow link runs as long as bytes keep arriving, while a
 * stalled one frees its upload slot and temp file.
 */
export const CONNECTION_IDLE_TIMEOUT_MS = 120_000;
