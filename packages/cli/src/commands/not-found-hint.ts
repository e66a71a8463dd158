import type { Problem } from '../output/describe-error.js';

const NOT_FOUND_HINT = '`heygen-assets list --all` shows the ids this key can see.';

/** Adds what to do about an unknown id, when the server did not say. */
export function withNotFoundHint(problem: Problem): Problem {
  if (problem.code !== 'not_found' || problem.hint) return problem;
  return { ...problem, hint: NOT_FOUND_HINT };
}
