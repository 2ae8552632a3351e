import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import type { LogIndexEnsurer } from '../../opensearch/log-indices/ensure-log-index.ts';
import type { IndexNames } from '../../opensearch/record/index-names.ts';
import type { ShipperMetrics } from '../metrics/shipper-metrics.ts';
import { backoffDelay } from './backoff.ts';
import type { BulkEntry } from './bulk-entry.ts';
import { sleep, type Clock } from '../../opensearch/shared/clock.ts';
import { sendBulk, type Rejection } from './send-bulk.ts';

export interface DeliveryContext {
  readonly client: OpenSearchClient;
  readonly names: IndexNames;
  readonly ensurer: LogIndexEnsurer;
  readonly clock: Clock;
  readonly random: () => number;
  readonly metrics: ShipperMetrics;
  readonly options: {
    requestTimeoutMs: number;
    retryDeadlineMs: number;
    initialBackoffMs: number;
    maxBackoffMs: number;
  };
  delivered(entries: readonly BulkEntry[]): void;
  rejected(rejections: readonly Rejection[]): void;
  /** The batch could not be delivered in time or the cluster is down: keep it on disk (or drop it). */
  setAside(entries: readonly BulkEntry[], reason: string): void;
  /** Connection-level failures: from now on batches go to the spool until a probe succeeds. */
  outage(reason: string): void;
  isOutage(): boolean;
  isClosing(): boolean;
  retrying(count: number, reason: string): void;
}

/**
 * Delivers one batch: creates missing period indices, sends, and then per item — delivered,
 * rejected to the dead letters, or retried (only the failed items) with backoff, jitter and a
 * deadline. A 413 splits the batch. Never throws.
 */
export async function deliverBatch(ctx: DeliveryContext, batch: readonly BulkEntry[]): Promise<void> {
  const deadline = ctx.clock.now() + ctx.options.retryDeadlineMs;
  let pending: readonly BulkEntry[] = batch;
  let attempt = 0;
  let connectionFailures = 0;

  while (pending.length > 0) {
    if (ctx.isOutage()) return ctx.setAside(pending, 'outage');
    try {
      await ensureIndices(ctx, pending);
    } catch (error) {
      pending = await afterFailure(`cannot create index: ${(error as Error).message}`, true);
      continue;
    }
    const started = ctx.clock.now();
    const outcome = await sendBulk(ctx.client, pending, ctx.options.requestTimeoutMs);
    ctx.metrics.batch(pending.length, (ctx.clock.now() - started) / 1000);

    switch (outcome.kind) {
      case 'items': {
        const failed = new Set<BulkEntry>([...outcome.retry, ...outcome.missingIndex, ...outcome.rejected.map((r) => r.entry)]);
        ctx.delivered(failed.size === 0 ? pending : pending.filter((e) => !failed.has(e)));
        if (outcome.rejected.length) ctx.rejected(outcome.rejected);
        for (const entry of outcome.missingIndex) ctx.ensurer.forget(entry.index);
        connectionFailures = 0;
        if (outcome.retry.length === 0) {
          // Only index creation was missing (the index was deleted under us): retry at once.
          pending = outcome.missingIndex;
          continue;
        }
        pending = [...outcome.missingIndex, ...outcome.retry];
        pending = await afterFailure(`${outcome.retry.length} item(s) answered 429/5xx`, false);
        continue;
      }
      case 'too-large': {
        if (pending.length === 1) {
          ctx.rejected([{ entry: pending[0]!, status: 413, type: 'request_entity_too_large', reason: 'the record alone exceeds the request size the cluster accepts' }]);
          return;
        }
        const half = Math.ceil(pending.length / 2);
        await deliverBatch(ctx, pending.slice(0, half));
        await deliverBatch(ctx, pending.slice(half));
        return;
      }
      case 'refused':
        ctx.rejected(pending.map((entry) => ({ entry, status: outcome.status, type: `http_${outcome.status}`, reason: outcome.reason })));
        return;
      case 'unavailable':
        pending = await afterFailure(outcome.reason, outcome.connection, outcome.retryAfterMs);
        continue;
    }
  }

  /** Waits before the next attempt, or sets the entries aside; returns what is still to send. */
  async function afterFailure(reason: string, connection: boolean, retryAfter?: number): Promise<readonly BulkEntry[]> {
    attempt++;
    if (connection) connectionFailures++;
    // Two connection failures in a row: the cluster is down, not busy. Stop sending and spool.
    if (connectionFailures >= 2) {
      ctx.outage(reason);
      ctx.setAside(pending, `outage: ${reason}`);
      return [];
    }
    const delay = backoffDelay(attempt, ctx.options, ctx.random, retryAfter);
    if (ctx.isClosing() || ctx.clock.now() + delay > deadline) {
      ctx.setAside(pending, `retry deadline passed: ${reason}`);
      return [];
    }
    ctx.retrying(pending.length, reason);
    await sleep(ctx.clock, delay);
    return pending;
  }
}

async function ensureIndices(ctx: DeliveryContext, entries: readonly BulkEntry[]): Promise<void> {
  const indices = new Set(entries.map((e) => e.index));
  for (const index of indices) {
    const period = ctx.names.periodOfIndex(index);
    if (period) await ctx.ensurer.ensure(period);
  }
}
