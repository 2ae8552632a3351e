import type { SyncLogRecord } from '../../opensearch/record/schema.ts';
import type { Settlement } from './flush-epochs.ts';

/**
 * One record ready to send: its bulk line pair (`create` action with the event id as `_id`, then
 * the document), serialised and UTF-8 encoded once when it is logged and reused for every retry
 * and for the spool. As bytes it is half the size of a V8 string holding Cyrillic text, lives off
 * the JS heap (a full queue costs the garbage collector nothing), and a request body is one copy.
 */
export interface BulkEntry {
  readonly index: string;
  readonly id: string;
  readonly lines: Buffer;
  readonly bytes: number;
  /** Which `flush()` call this entry counts towards; `-1` for entries replayed from disk. */
  readonly epoch: number;
  /** Write-ahead segment holding this entry, acknowledged once it is settled. */
  walSegment?: number;
  /** Told how the entry ended, for a writer that waits on this one entry (`writeDurable`). */
  onSettled?: (how: Settlement) => void;
}

export function bulkEntry(index: string, record: SyncLogRecord, epoch: number): BulkEntry {
  return documentEntry(index, record.event_id, record, epoch);
}

/** Any JSON document as a `create` with a fixed `_id`, so a retry never writes it twice. */
export function documentEntry(index: string, id: string, document: unknown, epoch: number): BulkEntry {
  const lines = encode(
    `{"create":{"_index":${JSON.stringify(index)},"_id":${JSON.stringify(id)}}}\n${JSON.stringify(document)}\n`,
  );
  return { index, id, lines, bytes: lines.length, epoch };
}

/**
 * A record entry from the document's text as given (the chain's canonical text): the entry, and
 * the document's own bytes within it, which the chain hashes.
 */
export function bulkEntryOfText(
  index: string,
  id: string,
  text: string,
  epoch: number,
): { entry: BulkEntry; document: Buffer } {
  const header = `{"create":{"_index":${JSON.stringify(index)},"_id":${JSON.stringify(id)}}}\n`;
  const lines = encode(`${header}${text}\n`);
  const start = Buffer.byteLength(header);
  return { entry: { index, id, lines, bytes: lines.length, epoch }, document: lines.subarray(start, lines.length - 1) };
}

/** The same entry (index, id, epoch, write-ahead segment) with another document. */
export function bulkEntryWithDocument(entry: BulkEntry, document: string): BulkEntry {
  const lines = Buffer.from(`${entry.lines.toString('utf8', 0, entry.lines.indexOf(NEWLINE) + 1)}${document}\n`);
  return { ...entry, lines, bytes: lines.length };
}

// Entries are encoded straight into a shared 1 MiB slab: one pass over the text instead of
// Buffer.from's two (it measures, then writes). A slab is freed once no entry in it is held.
const SLAB_BYTES = 1024 * 1024;
let slab = Buffer.allocUnsafe(SLAB_BYTES);
let used = 0;

function encode(text: string): Buffer {
  const worst = text.length * 3; // UTF-16 code units to UTF-8 bytes, at most
  if (worst > SLAB_BYTES / 4) return Buffer.from(text);
  if (used + worst > SLAB_BYTES) {
    slab = Buffer.allocUnsafe(SLAB_BYTES);
    used = 0;
  }
  const written = slab.write(text, used);
  const bytes = slab.subarray(used, used + written);
  used += written;
  return bytes;
}

const NEWLINE = 0x0a;

/** Reads the entries back from spooled bulk lines (complete line pairs); they share its memory. */
export function entriesFromLines(data: Buffer): BulkEntry[] {
  const entries: BulkEntry[] = [];
  let start = 0;
  while (start < data.length) {
    const actionEnd = data.indexOf(NEWLINE, start);
    const docEnd = actionEnd < 0 ? -1 : data.indexOf(NEWLINE, actionEnd + 1);
    if (docEnd < 0) break;
    const lines = data.subarray(start, docEnd + 1);
    try {
      const action = JSON.parse(data.toString('utf8', start, actionEnd)) as { create: { _index: string; _id: string } };
      entries.push({ index: action.create._index, id: action.create._id, lines, bytes: lines.length, epoch: -1 });
    } catch {
      // A damaged pair cannot be attributed to an index: skip it rather than poison the batch.
    }
    start = docEnd + 1;
  }
  return entries;
}

/** The document of an entry, for dead-lettering. */
export const documentOf = (entry: BulkEntry) =>
  entry.lines.toString('utf8', entry.lines.indexOf(NEWLINE) + 1, entry.lines.length - 1);
