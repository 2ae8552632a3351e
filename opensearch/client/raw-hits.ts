/** One hit of a search answer, its `_source` kept as the bytes OpenSearch sent. */
export interface RawHit {
  readonly id: string;
  /** The document's JSON, a view into the answer's bytes: spliced into a reply, never re-serialised. */
  readonly source: Buffer;
  readonly sort: unknown[];
}

export interface RawHits {
  readonly total?: { readonly value: number; readonly relation: 'eq' | 'gte' };
  readonly hits: RawHit[];
}

/** The answer was not the shape of a search answer; the caller reads it another way. */
export class RawHitsError extends Error {}

/**
 * Reads a search answer's `hits.total` and each hit's `_id`, `_source` and `sort` without parsing
 * the documents: only their extent is found. The bytes are scanned as Latin-1 text, one character
 * per byte, so positions are byte offsets; UTF-8 continuation bytes are all ≥ 0x80 and never look
 * like JSON's structural characters. Small values (`total`, `_id`, `sort`) are parsed as UTF-8.
 */
export function rawHitsOf(bytes: Buffer): RawHits {
  const scan = new Scanner(bytes);
  let result: RawHits = { hits: [] };
  scan.members(scan.skipSpace(0), (key, start) => {
    if (key !== 'hits') return scan.valueEnd(start);
    const { end, hits } = hitsOf(scan, start);
    result = hits;
    return end;
  });
  return result;
}

function hitsOf(scan: Scanner, start: number): { end: number; hits: RawHits } {
  let total: RawHits['total'];
  const hits: RawHit[] = [];
  const end = scan.members(start, (key, at) => {
    if (key === 'hits') return scan.elements(at, (hitStart) => hitOf(scan, hitStart, hits));
    const valueEnd = scan.valueEnd(at);
    if (key === 'total') total = scan.parse(at, valueEnd) as RawHits['total'];
    return valueEnd;
  });
  return { end, hits: total === undefined ? { hits } : { total, hits } };
}

function hitOf(scan: Scanner, start: number, into: RawHit[]): number {
  let id = '';
  let source: Buffer | undefined;
  let sort: unknown[] = [];
  const end = scan.members(start, (key, at) => {
    const valueEnd = scan.valueEnd(at);
    if (key === '_id') id = scan.parse(at, valueEnd) as string;
    else if (key === 'sort') sort = scan.parse(at, valueEnd) as unknown[];
    else if (key === '_source' && scan.text.charCodeAt(at) === OPEN_OBJECT) source = scan.bytes.subarray(at, valueEnd);
    return valueEnd;
  });
  if (!source) throw new RawHitsError('a hit without a _source object');
  into.push({ id, source, sort });
  return end;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

class Scanner {
  readonly text: string;
  constructor(readonly bytes: Buffer) {
    this.text = bytes.toString('latin1');
  }

  parse(start: number, end: number): unknown {
    return JSON.parse(this.bytes.toString('utf8', start, end));
  }

  skipSpace(at: number): number {
    const { text } = this;
    let i = at;
    while (i < text.length && text.charCodeAt(i) <= 0x20) i++;
    return i;
  }

  /** Walks an object's members; `visit` gets each key and its value's start and returns the value's end. */
  members(start: number, visit: (key: string, valueStart: number) => number): number {
    this.expect(start, OPEN_OBJECT);
    let i = this.skipSpace(start + 1);
    if (this.text.charCodeAt(i) === CLOSE_OBJECT) return i + 1;
    for (;;) {
      this.expect(i, QUOTE);
      const keyEnd = this.stringEnd(i);
      const key = this.text.slice(i + 1, keyEnd - 1);
      const colon = this.skipSpace(keyEnd);
      this.expect(colon, COLON);
      i = this.skipSpace(visit(key, this.skipSpace(colon + 1)));
      const c = this.text.charCodeAt(i);
      if (c === CLOSE_OBJECT) return i + 1;
      this.expect(i, COMMA);
      i = this.skipSpace(i + 1);
    }
  }

  /** Walks an array's elements; `visit` gets each element's start and returns its end. */
  elements(start: number, visit: (elementStart: number) => number): number {
    this.expect(start, OPEN_ARRAY);
    let i = this.skipSpace(start + 1);
    if (this.text.charCodeAt(i) === CLOSE_ARRAY) return i + 1;
    for (;;) {
      i = this.skipSpace(visit(i));
      const c = this.text.charCodeAt(i);
      if (c === CLOSE_ARRAY) return i + 1;
      this.expect(i, COMMA);
      i = this.skipSpace(i + 1);
    }
  }

  /** The end of the value starting at `start`: strings are skipped with `indexOf`, nesting is counted. */
  valueEnd(start: number): number {
    const { text } = this;
    const first = text.charCodeAt(start);
    if (first === QUOTE) return this.stringEnd(start);
    if (first !== OPEN_OBJECT && first !== OPEN_ARRAY) return this.scalarEnd(start);
    let depth = 0;
    for (let i = start; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) i = this.stringEnd(i) - 1;
      else if (c === OPEN_OBJECT || c === OPEN_ARRAY) depth++;
      else if ((c === CLOSE_OBJECT || c === CLOSE_ARRAY) && --depth === 0) return i + 1;
    }
    throw new RawHitsError('the answer ends inside a value');
  }

  /** Just past the closing quote of the string opening at `start`. */
  stringEnd(start: number): number {
    const { text } = this;
    let i = start;
    for (;;) {
      i = text.indexOf('"', i + 1);
      if (i < 0) throw new RawHitsError('the answer ends inside a string');
      let slashes = 0;
      while (text.charCodeAt(i - 1 - slashes) === BACKSLASH) slashes++;
      if (slashes % 2 === 0) return i + 1;
    }
  }

  private scalarEnd(start: number): number {
    const { text } = this;
    let i = start;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === COMMA || c === CLOSE_OBJECT || c === CLOSE_ARRAY || c <= 0x20) break;
      i++;
    }
    if (i === start) throw new RawHitsError(`no value at byte ${start}`);
    return i;
  }

  private expect(at: number, code: number): void {
    if (this.text.charCodeAt(at) !== code) {
      throw new RawHitsError(`expected ${String.fromCharCode(code)} at byte ${at} of the answer`);
    }
  }
}
