import type { Problem } from './describe-error.js';

/** What a problem is about: a file or an id, named under `key` in JSON lines. */
export interface ProblemSubject {
  key: 'file' | 'id';
  value: string;
}

/**
 * Writes one problem to `stream` (stderr): `SUBJECT: CODE: MESSAGE` plus an indented hint line
 * for people, or one JSON object `{"<key>": subject, "error": {…}}` under `--json`. A problem
 * with the whole run has no subject and is written as `heygen-assets: CODE: MESSAGE`.
 */
export function writeProblem(
  stream: NodeJS.WritableStream,
  json: boolean,
  subject: ProblemSubject | undefined,
  problem: Problem,
): void {
  if (json) {
    const line = subject ? { [subject.key]: subject.value } : {};
    stream.write(`${JSON.stringify({ ...line, error: problemJson(problem) })}\n`);
    return;
  }
  const hint = problem.hint ? `\n  hint: ${problem.hint}` : '';
  stream.write(
    `${subject?.value ?? 'heygen-assets'}: ${problem.code}: ${problem.message}${hint}\n`,
  );
}

function problemJson(problem: Problem) {
  return {
    code: problem.code,
    message: problem.message,
    hint: problem.hint,
    status: problem.status,
    request_id: problem.requestId,
  };
}
