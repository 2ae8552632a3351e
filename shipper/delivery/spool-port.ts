/** What the shipper needs of an on-disk spool (`shipper/spool/` provides it). */
export interface SpoolPort {
  append(lines: Buffer, records: number): { ok: true; segment: number } | { ok: false; dropped: number };
  acknowledge(segment: number, records: number): void;
  takeForReplay(): Promise<{ readonly lines: Buffer; readonly records: number; done(): Promise<void> } | null>;
  depth(): { bytes: number; records: number; segments: number };
  close(): Promise<void>;
}
