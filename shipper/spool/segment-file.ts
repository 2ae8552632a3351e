import { readdir } from 'node:fs/promises';

const SEGMENT_FILE = /^(\d{12})\.ndjson$/;
const NEWLINE = 0x0a;

/** Zero-padded so that a directory listing sorts segments in the order they were written. */
export function segmentFileName(segment: number): string {
  return `${String(segment).padStart(12, '0')}.ndjson`;
}

export function segmentNumber(fileName: string): number | null {
  const match = SEGMENT_FILE.exec(fileName);
  return match ? Number(match[1]) : null;
}

/** The segment numbers in a producer directory, oldest first; none when the directory is gone. */
export async function listSegments(dir: string): Promise<number[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names
    .map(segmentNumber)
    .filter((n): n is number => n !== null)
    .sort((a, b) => a - b);
}

/**
 * How much of a segment is whole records: every record is an action line and a document line,
 * so the usable text ends at an even-numbered newline. Whatever follows (a line, or a pair, torn by
 * a crash or a failed write) is ignored rather than sent as a broken bulk body.
 */
export function completePairs(data: Buffer): { end: number; records: number } {
  let newlines = 0;
  let end = 0;
  for (let at = data.indexOf(NEWLINE); at !== -1; at = data.indexOf(NEWLINE, at + 1)) {
    newlines += 1;
    if (newlines % 2 === 0) end = at + 1;
  }
  return { end, records: Math.floor(newlines / 2) };
}
