import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import type { Clock } from '../../opensearch/shared/clock.ts';
import type { ShipperMetrics } from '../metrics/shipper-metrics.ts';
import type { BulkEntry } from './bulk-entry.ts';
import type { DeadLettering } from './dead-lettering.ts';
import { deliverBatch, type DeliveryContext } from './deliver-batch.ts';
import type { Destination } from './destination.ts';
import type { Settlements } from './settlement.ts';
import type { ShipperEvent } from './shipper-event.ts';

export interface SenderDeps {
  readonly client: OpenSearchClient;
  readonly destination: Destination;
  readonly clock: Clock;
  readonly random: () => number;
  readonly metrics: ShipperMetrics;
  readonly options: DeliveryContext['options'];
  readonly settlement: Pick<Settlements, 'delivered' | 'setAside'>;
  readonly deadLettering: Pick<DeadLettering, 'rejected'>;
  readonly outage: { start(reason: string): void; readonly active: boolean };
  readonly isClosing: () => boolean;
  readonly emit: (event: ShipperEvent) => void;
}

/**
 * Sends batches to the cluster: each batch goes through rounds (`deliverBatch`, `deliverRound`)
 * until every entry is delivered, dead-lettered or set aside; connection failures start an outage.
 * Never rejects.
 */
export function createSender(deps: SenderDeps): (batch: readonly BulkEntry[]) => Promise<void> {
  const context: DeliveryContext = {
    client: deps.client,
    destination: deps.destination,
    clock: deps.clock,
    random: deps.random,
    metrics: deps.metrics,
    options: deps.options,
    delivered: (entries) => deps.settlement.delivered(entries),
    rejected: (rejections) => deps.deadLettering.rejected(rejections),
    setAside: (entries, reason) => deps.settlement.setAside(entries, reason),
    outage: (reason) => deps.outage.start(reason),
    isOutage: () => deps.outage.active,
    isClosing: deps.isClosing,
    retrying(count, reason) {
      deps.metrics.retried(count);
      deps.emit({ type: 'retrying', records: count, reason });
    },
  };
  return (batch) => deliverBatch(context, batch);
}
