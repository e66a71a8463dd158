import { AssetError } from '@heygen-assets/core';
import type { z } from 'zod';

/**
 * Validates a request body, refusing it with `invalid_request` that names the first problem and
 * its JSON path (`files[3].size_bytes`), so the caller knows what to fix.
 */
export function parseBody<Schema extends z.ZodType>(
  schema: Schema,
  body: unknown,
  example: string,
): z.infer<Schema> {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;

  const issue = parsed.error.issues[0];
  const param = jsonPath(issue?.path ?? []);
  throw new AssetError(
    'invalid_request',
    `Invalid ${param || 'body'}: ${issue?.message ?? 'bad value'}.`,
    { param: param || undefined, hint: `Send JSON such as ${example}.` },
  );
}

function jsonPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`,
    )
    .join('');
}
