import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import winston from 'winston';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodsInWindow } from '../../opensearch/record/event-window.ts';
import { indexNames } from '../../opensearch/record/index-names.ts';
import { periodOf } from '../../opensearch/record/index-period.ts';
import { OPERATION_TYPES, STATUSES } from '../../opensearch/record/vocabulary.ts';
import { openSearchEnvSchema } from '../../opensearch/config/env.ts';
import { parseEnv } from '../../opensearch/config/parse-env.ts';
import { runSetup } from '../../opensearch/setup/run-setup.ts';
import { setupConfigFromEnv } from '../../opensearch/setup/setup-config.ts';
import { dailySummary } from '../../query-api/reports/daily-summary.ts';
import { publicKeyFromPem } from '../../opensearch/integrity/signing-key.ts';
import { OpenSearchTransport } from '../../shipper/transport/opensearch-transport.ts';
import { readCheckpointFiles } from '../../shipper/verify/checkpoint-files.ts';
import { verifyIntegrity } from '../../shipper/verify/verify-integrity.ts';
import { dropPrefix, testClient, uniquePrefix } from '../opensearch.ts';
import { APP_ROLES, APP_TYPE, appStream, wrongClockCalls, type AppCall } from './app-stream.ts';
import { counterTotals } from '../counter-totals.ts';

const client = testClient();
const prefix = uniquePrefix('realapp');
const names = indexNames(prefix);
const DAY = 86_400_000;

beforeAll(() => runSetup(client, setupConfigFromEnv(parseEnv(openSearchEnvSchema, { SYNCLOG_INDEX_PREFIX: prefix }))));
afterAll(() => dropPrefix(client, prefix));

async function count(index: string, query: object): Promise<number> {
  const { body } = await client.count({ index, body: { query } as never });
  return body.count;
}

/** The value of rank ⌈p·n⌉ of the sorted values: the nearest-rank percentile. */
function nearestRank(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(p * sorted.length)) - 1]!;
}

describe('a CRM logging through plain winston calls, its own vocabulary and wrong clocks', () => {
  it('stores every storable call, dead-letters only the expired, stays within the index bound and reports what was logged', async () => {
    const started = Date.now();
    const day = Math.floor((started - 3 * DAY) / DAY) * DAY;
    const onDay = appStream({ seed: 17, day, now: started, operations: 1_500 });
    const wrong = wrongClockCalls({ seed: 18, now: started, count: 400 });

    const registry = new Registry();
    const spoolDir = await mkdtemp(join(tmpdir(), 'synclog-realapp-'));
    const transport = new OpenSearchTransport({
      client,
      registry,
      service: 'crm',
      indexPrefix: prefix,
      spoolDir,
      operationTypes: [...OPERATION_TYPES, APP_TYPE],
    });
    const outages: unknown[] = [];
    transport.on('outage', (event) => outages.push(event));
    // The app's own loggers: ISO timestamps for the sync code, a day-first format for a legacy module.
    const logger = winston.createLogger({
      format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
      transports: [transport],
    });
    // The legacy module names itself the winston way, with defaultMeta.
    const legacy = winston.createLogger({
      defaultMeta: { service: 'crm-legacy' },
      format: winston.format.combine(
        winston.format.timestamp({ format: 'DD.MM.YYYY HH:mm:ss' }),
        winston.format.json(),
      ),
      transports: [transport],
    });

    const log = (target: winston.Logger, call: AppCall) =>
      expect(() => target.log(call.level, call.message, call.meta)).not.toThrow();
    for (let i = 0; i < onDay.length; i++) {
      log(logger, onDay[i]!);
      if (i % 4 === 0 && wrong[i / 4]) log(legacy, wrong[i / 4]!);
    }
    for (let i = Math.ceil(onDay.length / 4); i < wrong.length; i++) log(legacy, wrong[i]!);
    const all = [...onDay, ...wrong];

    const report = await transport.flush();
    const expired = all.filter((c) => c.expect.kind === 'expired').length;
    const arrival = all.filter((c) => c.expect.kind === 'arrival');
    expect(report).toEqual({ delivered: all.length - expired, spooled: 0, deadLettered: expired, dropped: 0 });
    expect(outages).toEqual([]);

    // The counters add up: calls = queued + refused at the call; queued + replayed = sent + dead-lettered later + dropped + spooled.
    const totals = await counterTotals(registry);
    expect(totals.queued + totals.deadLetteredAtCall).toBe(all.length);
    expect(totals.sent + totals.deadLetteredLater + totals.dropped + totals.spooled).toBe(
      totals.queued + totals.replayed,
    );
    expect(totals.sent).toBe(all.length - expired);
    expect(totals.deadLetteredAtCall).toBe(expired);
    await transport.close();

    // Indices: the event day's period and the arrival period only, far inside the bound; the cluster can still create one.
    const { body: indices } = await client.cat.indices({
      index: names.logsPattern,
      format: 'json',
      h: 'index',
    } as never);
    const created = new Set((indices as unknown as Array<{ index: string }>).map((row) => row.index));
    const expectedPeriods = new Set([
      periodOf(day, 'month').suffix,
      ...arrival.map(() => periodOf(started, 'month').suffix),
    ]);
    expect(created).toEqual(new Set([...expectedPeriods].map((suffix) => `${prefix}-logs-${suffix}`)));
    expect(created.size).toBeLessThanOrEqual(
      periodsInWindow({ deleteDays: 730, clockSkewMs: 300_000, period: 'month' }) + 1,
    );
    await client.indices.create({ index: `${prefix}-still-creatable` });

    await client.indices.refresh({ index: `${prefix}-*` });
    const stored = all.length - expired;
    expect(await count(names.readAlias, { match_all: {} })).toBe(stored);
    const legacyStored = wrong.filter((c) => c.expect.kind !== 'expired').length;
    expect(await count(names.readAlias, { term: { 'service.name': 'crm-legacy' } })).toBe(legacyStored);
    expect(await count(names.readAlias, { term: { 'service.name': 'crm' } })).toBe(stored - legacyStored);
    for (const role of APP_ROLES) {
      const expected = onDay.filter((c) => (c.meta.customer as { role: string }).role === role).length;
      expect(await count(names.readAlias, { term: { 'customer.role': role } }), role).toBe(expected);
    }
    // Wrong clocks: stored at arrival, the original kept, flagged with the reason.
    for (const issue of ['event_time_unreadable', 'event_time_future'] as const) {
      const expected = arrival.filter((c) => c.expect.kind === 'arrival' && c.expect.issue === issue).length;
      expect(
        await count(names.readAlias, {
          bool: {
            filter: [
              { term: { validation_issues: issue } },
              { exists: { field: 'event_time_raw' } },
              { range: { '@timestamp': { gte: started - 1_000 } } },
            ],
          },
        }),
        issue,
      ).toBe(expected);
    }
    expect(await count(names.deadLetter, { term: { reason_code: 'event_time_expired' } })).toBe(expired);

    // Tamper evidence over what the app sent: one chain across both event-time indices, closed by a
    // final checkpoint on the last stored record; calls refused at the call took no seq.
    const { keyId, publicKey } = publicKeyFromPem(
      await readFile(join(spoolDir, 'checkpoints', 'signing-key.pub.pem'), 'utf8'),
    );
    const integrity = await verifyIntegrity(client, names, {
      keys: new Map([[keyId, publicKey]]),
      files: await readCheckpointFiles([spoolDir]),
      producer: transport.producerId,
    });
    expect(integrity.clean).toBe(true);
    const [producer] = integrity.lineages.flatMap((l) => l.producers);
    expect(producer).toMatchObject({ records: stored, first: 0, last: stored - 1, unverifiable: null });
    expect(producer!.checkpoints.final).toBe(stored - 1);

    // The daily report of the event day equals figures computed from the calls.
    const operations = onDay.flatMap((c) =>
      c.expect.kind === 'on-day' && c.expect.operation ? [c.expect.operation] : [],
    );
    const summary = await dailySummary(client, names, new Date(day).toISOString().slice(0, 10), 'UTC');
    expect(summary.operations).toBe(operations.length);
    for (const status of STATUSES)
      expect(summary.by_status[status], status).toBe(operations.filter((o) => o.status === status).length);
    for (const type of [...OPERATION_TYPES, APP_TYPE])
      expect(summary.by_operation_type[type], type).toBe(operations.filter((o) => o.type === type).length);
    expect(summary.flagged).toBe(operations.filter((o) => o.flagged).length);
    expect(summary.error_rate).toBeCloseTo(
      operations.filter((o) => o.status === 'error').length / operations.length,
      10,
    );
    const durations = operations.flatMap((o) => (o.durationMs === undefined ? [] : [o.durationMs]));
    for (const [p, value] of [
      [0.95, summary.duration_ms?.p95],
      [0.99, summary.duration_ms?.p99],
    ] as const) {
      const exact = nearestRank(durations, p);
      expect(Math.abs(value! - exact), `p${p * 100}: ${value} vs ${exact}`).toBeLessThanOrEqual(
        Math.max(0.01 * exact, 1),
      );
    }
  });
});
