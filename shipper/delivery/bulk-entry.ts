import type { SyncLogRecord } from '../../opensearch/record/schema.ts';

/**
 * One record ready to send: its bulk line pair (`create` action with the event id as `_id`, then
 * the document), serialised once when it is logged and reused for every retry and for the spool.
 */
export interface BulkEntry {
  readonly index: string;
  readonly id: string;
  readonly lines: string;
  readonly bytes: number;
  /** Which `flush()` call this entry counts towards; `-1` for entries replayed from disk. */
  readonly epoch: number;
  /** Write-ahead segment holding this entry, acknowledged once it is settled. */
  walSegment?: number;
}

export function bulkEntry(index: string, record: SyncLogRecord, epoch: number): BulkEntry {
  const lines = `{"create":{"_index":${JSON.stringify(index)},"_id":${JSON.stringify(record.event_id)}}}\n${JSON.stringify(record)}\n`;
  return { index, id: record.event_id, lines, bytes: Buffer.byteLength(lines), epoch };
}

/** Reads the entries back from spooled bulk text (complete line pairs). */
export function entriesFromLines(text: string): BulkEntry[] {
  const entries: BulkEntry[] = [];
  let start = 0;
  while (start < text.length) {
    const actionEnd = text.indexOf('\n', start);
    const docEnd = actionEnd < 0 ? -1 : text.indexOf('\n', actionEnd + 1);
    if (docEnd < 0) break;
    const lines = text.slice(start, docEnd + 1);
    try {
      const action = JSON.parse(text.slice(start, actionEnd)) as { create: { _index: string; _id: string } };
      entries.push({ index: action.create._index, id: action.create._id, lines, bytes: Buffer.byteLength(lines), epoch: -1 });
    } catch {
      // A damaged pair cannot be attributed to an index: skip it rather than poison the batch.
    }
    start = docEnd + 1;
  }
  return entries;
}

/** The document of an entry, for dead-lettering. */
export const documentOf = (entry: BulkEntry) => entry.lines.slice(entry.lines.indexOf('\n') + 1, -1);
