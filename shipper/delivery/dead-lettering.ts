import type { DeadLetter, DeadLetterReason } from '../../opensearch/record/dead-letter.ts';
import type { PersonalDataProtector } from '../../opensearch/privacy/personal-data-protector.ts';
import type { Clock } from '../../opensearch/shared/clock.ts';
import type { ShipperMetrics } from '../metrics/shipper-metrics.ts';
import type { DeadLetterSink } from './dead-letter-sink.ts';
import type { FlushEpochs } from './flush-epochs.ts';
import { rejectionLetter } from './rejection-letter.ts';
import type { Rejection } from './send-bulk.ts';
import type { Settlements } from './settlement.ts';
import type { ShipperEvent } from './shipper-event.ts';

export interface DeadLetteringDeps {
  readonly sink: DeadLetterSink;
  readonly metrics: ShipperMetrics;
  readonly emit: (event: ShipperEvent) => void;
  readonly clock: Clock;
  readonly epochs: FlushEpochs;
  readonly settlement: Pick<Settlements, 'settle'>;
  /** Applied to a refused entry's document and the cluster's reason before the letter is kept. */
  readonly personalData?: PersonalDataProtector | null;
}

/**
 * Entries that will never be stored as they are: kept as dead letters with the reason, counted by
 * code and by stage (refused when the application called, or by the cluster in delivery).
 */
export function createDeadLettering(deps: DeadLetteringDeps) {
  return {
    /** The cluster refused these entries: one letter each, one event and one count per reason code. */
    rejected(rejections: readonly Rejection[]): void {
      const at = new Date(deps.clock.now()).toISOString();
      const byCode = new Map<DeadLetterReason, Rejection[]>();
      for (const r of rejections) {
        deps.sink.add(rejectionLetter(r, at, deps.personalData ?? null));
        byCode.set(r.code, [...(byCode.get(r.code) ?? []), r]);
      }
      deps.settlement.settle(
        rejections.map((r) => r.entry),
        'deadLettered',
      );
      for (const [code, group] of byCode) {
        deps.metrics.deadLettered(group.length, code, 'delivery');
        deps.emit({ type: 'dead-letter', records: group.length, reason: group[0]!.reason, code });
      }
      void deps.sink.flush();
    },
    /** Refused when the application called (never queued), counted towards the current `flush()`. */
    atCall(letter: DeadLetter & { reason_code: DeadLetterReason }): void {
      deps.epochs.added(deps.epochs.current);
      deps.epochs.settled(deps.epochs.current, 'deadLettered');
      deps.sink.add(letter);
      deps.metrics.deadLettered(1, letter.reason_code, 'call');
      deps.emit({ type: 'dead-letter', records: 1, reason: letter.reason, code: letter.reason_code });
      void deps.sink.flush();
    },
  };
}

export type DeadLettering = ReturnType<typeof createDeadLettering>;
