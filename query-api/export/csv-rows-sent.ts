const QUOTE = 0x22;
const LINE_FEED = 0x0a;

export interface CsvRowsSent {
  /** Counts the records in the next bytes sent. */
  add(chunk: Uint8Array): void;
  /**
   * Data rows of which at least one byte was sent: whole records after the header, plus a record
   * cut off by a client that left. What an export discloses, not just what a reader could parse.
   */
  rows(): number;
}

/**
 * Counts CSV records in the bytes as they are sent. A record ends at a line feed outside quotes
 * (RFC 4180, as csv-stringify writes it: a quote inside a field is doubled, which toggles twice).
 * Counting the bytes the client was handed, rather than the rows handed to the writer, keeps the
 * count exact when the download is cut off.
 */
export function csvRowsSent(): CsvRowsSent {
  let quoted = false;
  let records = 0;
  let open = false;
  return {
    add(chunk) {
      const end = chunk.length;
      if (end === 0) return;
      let at = 0;
      let nextQuote = chunk.indexOf(QUOTE, 0);
      while (at < end) {
        if (quoted) {
          if (nextQuote < 0) break;
          quoted = false;
          at = nextQuote + 1;
          nextQuote = chunk.indexOf(QUOTE, at);
          continue;
        }
        const lineEnd = chunk.indexOf(LINE_FEED, at);
        if (lineEnd >= 0 && (nextQuote < 0 || lineEnd < nextQuote)) {
          records++;
          at = lineEnd + 1;
        } else if (nextQuote >= 0) {
          quoted = true;
          at = nextQuote + 1;
          nextQuote = chunk.indexOf(QUOTE, at);
        } else break;
      }
      open = quoted || chunk[end - 1] !== LINE_FEED;
    },
    rows: () => Math.max(0, records + (open ? 1 : 0) - 1),
  };
}
