import type { DeadLetterReason } from '../../opensearch/record/dead-letter.ts';
import type { DropReason } from '../metrics/shipper-metrics.ts';

/** What the shipper tells the application: named events, never `'error'`. */
export type ShipperEvent =
  | { type: 'delivered'; records: number }
  | { type: 'retrying'; records: number; reason: string }
  | { type: 'spooled'; records: number; reason: string }
  | { type: 'dead-letter'; records: number; reason: string; code: DeadLetterReason }
  | { type: 'dropped'; records: number; reason: DropReason }
  | { type: 'outage'; reason: string }
  | { type: 'recovered' }
  | { type: 'warning'; message: string };
