/**
 * The fields whose value is not `undefined`, so a built body carries only what was chosen and
 * the server's defaults apply to the rest.
 */
export function definedFields<T extends Record<string, unknown>>(fields: T): Partial<T> {
  const kept: Partial<T> = {};
  for (const [key, value] of Object.entries(fields) as Array<[keyof T, T[keyof T]]>) {
    if (value !== undefined) kept[key] = value;
  }
  return kept;
}
