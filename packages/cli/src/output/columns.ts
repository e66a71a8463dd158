/** Space between two columns, in characters. */
const COLUMN_GAP = '  ';

/**
 * Rows as aligned text columns, one line each: every cell but the last is padded to the widest
 * cell of its column, so the last column (often free text) adds no trailing spaces.
 */
export function formatColumns(rows: ReadonlyArray<readonly string[]>): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, column) => {
      widths[column] = Math.max(widths[column] ?? 0, cell.length);
    });
  }

  const lines = rows.map((row) =>
    row
      .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join(COLUMN_GAP),
  );
  return lines.map((line) => `${line}\n`).join('');
}
