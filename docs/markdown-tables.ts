/** A markdown table: its header names (lower-cased) and its rows keyed by them. */
export interface MarkdownTable {
  readonly headers: readonly string[];
  readonly rows: ReadonlyArray<Readonly<Record<string, string>>>;
}

const cellsOf = (line: string) =>
  line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    // A `|` inside backticks or escaped as `\|` is part of a cell, not a border.
    .split(/(?<!\\)\|(?=(?:[^`]*`[^`]*`)*[^`]*$)/)
    .map((cell) => cell.trim());

/** Every pipe table in a markdown text (code fences skipped). */
export function markdownTables(markdown: string): MarkdownTable[] {
  const tables: MarkdownTable[] = [];
  const lines = markdown.split('\n');
  let fenced = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s*```/.test(line)) fenced = !fenced;
    if (fenced || !line.trim().startsWith('|') || !/^\s*\|[\s:|-]+\|\s*$/.test(lines[i + 1] ?? '')) continue;
    const headers = cellsOf(line).map((h) => h.toLowerCase());
    const rows: Record<string, string>[] = [];
    for (i += 2; i < lines.length && lines[i]!.trim().startsWith('|'); i++) {
      const cells = cellsOf(lines[i]!);
      rows.push(Object.fromEntries(headers.map((h, k) => [h, cells[k] ?? ''])));
    }
    i--;
    tables.push({ headers, rows });
  }
  return tables;
}

/** The rows of every table whose first two columns are `first | second`. */
export const rowsOf = (markdown: string, first: string, second: string) =>
  markdownTables(markdown)
    .filter((t) => t.headers[0] === first && t.headers[1] === second)
    .flatMap((t) => t.rows);

/** The text of each code span in a cell, in order: `` `a`, `b` `` gives `['a', 'b']`. */
export const codeSpans = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);

/** The one code span a name cell holds (`` `maxInFlight` `` → `maxInFlight`); a cell naming several is an error. */
export function nameOf(cell: string): string {
  const spans = codeSpans(cell);
  if (spans.length !== 1 || cell.replace(/`[^`]+`/, '').trim() !== '')
    throw new Error(`expected one name per row, got "${cell}"`);
  return spans[0]!;
}
