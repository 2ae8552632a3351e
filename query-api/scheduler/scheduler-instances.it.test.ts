import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openSearchEnvSchema } from '../../opensearch/config/env.ts';
import { parseEnv } from '../../opensearch/config/parse-env.ts';
import { indexNames } from '../../opensearch/record/index-names.ts';
import { runSetup } from '../../opensearch/setup/run-setup.ts';
import { setupConfigFromEnv } from '../../opensearch/setup/setup-config.ts';
import { dropPrefix, testClient, uniquePrefix } from '../../test/opensearch.ts';
import { currentLease } from './lease.ts';
import { runRecords } from './run-records.ts';
import { until } from '../../test/until.ts';

const INSTANCE = fileURLToPath(new URL('./fixtures/scheduler-instance.ts', import.meta.url));
const client = testClient();
const prefix = uniquePrefix('sched-proc');
const names = indexNames(prefix);
const runs = runRecords(client, names.schedulerRuns);
const children = new Map<string, ChildProcess>();

beforeAll(async () => {
  await runSetup(client, setupConfigFromEnv(parseEnv(openSearchEnvSchema, { SYNCLOG_INDEX_PREFIX: prefix })));
  await client.indices.create({
    index: `${prefix}-executions`,
    body: {
      mappings: {
        properties: { period: { type: 'date' }, instance: { type: 'keyword' }, trigger: { type: 'keyword' } },
      },
    },
  } as never);
});
afterAll(async () => {
  for (const child of children.values()) if (child.exitCode === null) child.kill('SIGKILL');
  await dropPrefix(client, prefix);
});

async function startInstance(id: string): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', INSTANCE, inject('opensearchUrl'), prefix, id], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.set(id, child);
  await once(child.stdout!, 'data');
}

async function succeededPeriods(): Promise<string[]> {
  return (await runs.latest('every-2s', 1_000, 'succeeded')).map((r) => r.period).sort();
}

const WITHIN = { timeoutMs: 30_000 };

/** Waits for `count` more succeeded periods, then returns at once (the next fire is up to 2 s away). */
async function morePeriods(count: number): Promise<void> {
  const before = (await succeededPeriods()).length;
  await until(`${count} more periods`, async () => (await succeededPeriods()).length >= before + count, WITHIN);
}

const leader = async () => (await currentLease(client, names.schedulerLeases))?.holder ?? null;

describe('three scheduler processes against one cluster', () => {
  it('run each period exactly once through a SIGKILLed leader and a SIGSTOPped one', { timeout: 180_000 }, async () => {
    await Promise.all(['i1', 'i2', 'i3'].map(startInstance));
    await morePeriods(4);

    const killed = await until('a leader', async () => (await leader()) ?? false, WITHIN);
    await morePeriods(1);
    children.get(killed)!.kill('SIGKILL');
    const second = await until(
      'a new leader',
      async () => {
        const holder = await leader();
        return holder !== null && holder !== killed ? holder : false;
      },
      WITHIN,
    );
    await morePeriods(4);

    await morePeriods(1);
    children.get(second)!.kill('SIGSTOP');
    const third = await until(
      'a leader after the pause',
      async () => {
        const holder = await leader();
        return holder !== null && holder !== second && holder !== killed ? holder : false;
      },
      WITHIN,
    );
    await morePeriods(3);
    children.get(second)!.kill('SIGCONT');
    await morePeriods(3);

    for (const [id, child] of children) if (id !== killed) child.kill('SIGTERM');
    await Promise.all(
      [...children.entries()]
        .filter(([id]) => id !== killed)
        .map(([, child]) => (child.exitCode === null ? once(child, 'exit') : null)),
    );

    // Every two-second period from the first to the last ran, and ran once.
    const periods = await succeededPeriods();
    const first = Date.parse(periods[0]!);
    const last = Date.parse(periods.at(-1)!);
    const expected = Array.from({ length: (last - first) / 2_000 + 1 }, (_, i) =>
      new Date(first + i * 2_000).toISOString(),
    );
    expect(periods).toEqual(expected);
    await client.indices.refresh({ index: `${prefix}-executions` });
    const { body } = await client.search({
      index: `${prefix}-executions`,
      body: { size: 0, aggs: { periods: { terms: { field: 'period', size: 1_000, min_doc_count: 1 } } } },
    } as never);
    const buckets = (
      body as unknown as {
        aggregations: {
          periods: { buckets: Array<{ key_as_string?: string; key: string | number; doc_count: number }> };
        };
      }
    ).aggregations.periods.buckets;
    const executions = new Map(buckets.map((b) => [new Date(b.key_as_string ?? b.key).toISOString(), b.doc_count]));
    expect(periods.filter((p) => executions.get(p) !== 1)).toEqual([]);
    expect([...executions.keys()].filter((p) => !periods.includes(p))).toEqual([]);
    const byInstance = await runs.latest('every-2s', 1_000);
    const instances = new Set(byInstance.map((r) => r.instance));
    console.log(
      `scheduler processes: ${periods.length} periods, each run once; leaders ${killed} (SIGKILL) → ${second} (SIGSTOP) → ${third}; run by ${[...instances].join(', ')}`,
    );
    expect(instances.has(killed) && instances.has(second) && instances.has(third)).toBe(true);
  });
});
