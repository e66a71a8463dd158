import { AssetError } from '@heygen-assets/core';
import type { z } from 'zod';

/** One thing wrong with a request, at its JSON path (`video_inputs[0].voice.voice_id`). */
export interface RequestProblem {
  path: string;
  message: string;
}

/** Writes a zod issue path the way a JSON body reads: `video_inputs[0].voice`. */
export function jsonPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`,
    )
    .join('');
}

/**
 * Parses `body`, refusing it with `invalid_request` that lists every problem and its path. An
 * empty body (`undefined`) reads as `{}`, so its required fields are named; `null` is refused
 * as what it is.
 */
export function parseOrRefuse<Schema extends z.ZodType>(
  schema: Schema,
  body: unknown,
): z.infer<Schema> {
  const parsed = schema.safeParse(body === undefined ? {} : body);
  if (parsed.success) return parsed.data;

  const problems = parsed.error.issues.map((issue) => ({
    path: jsonPath(issue.path) || 'body',
    message: issue.message,
  }));
  throw problemsError('invalid_request', problems);
}

/** One error naming every problem, its code and `param` taken from the first. */
export function problemsError(
  code: 'invalid_request' | 'asset_not_usable' | 'unsupported_url' | 'forbidden_address',
  problems: readonly RequestProblem[],
  options: { hint?: string | undefined } = {},
): AssetError {
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  const list = problems.map((problem) => `${problem.path}: ${problem.message}`).join('; ');
  return new AssetError(code, `The request has ${count}: ${list}.`, {
    param: problems[0]?.path,
    hint: options.hint ?? 'Fix each listed field; GET /openapi.json describes the body.',
  });
}
