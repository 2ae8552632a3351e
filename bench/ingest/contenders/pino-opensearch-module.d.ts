/** pino-opensearch 1.x ships no types: what the benchmark uses of it. */
declare module 'pino-opensearch' {
  import type { Transform } from 'node:stream';

  interface PinoOpenSearchOptions {
    node: string;
    /** Default `pino`; `%{DATE}` is replaced by the record's date. */
    index?: string | ((time: string) => string);
    /** Default 1 000 bytes. */
    'flush-bytes'?: number;
    /** Default 30 000 ms. */
    'flush-interval'?: number;
    'es-version'?: number;
    op_type?: 'create' | 'index';
  }

  /** A writable stream for pino: it emits `insert` (bulk stats), `insertError`, `unknown` and `error`. */
  export default function pinoOpenSearch(options: PinoOpenSearchOptions): Transform;
}
