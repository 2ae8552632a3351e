/**
 * Reports benchmark: each report built by synclog (every operation once in its latest state, the
 * week before for comparison, new against returning customers) against one raw aggregation query
 * over the same range that computes the headline figures without any of that, in the same run.
 *
 *   node --import tsx bench/reports/run.ts [--records 1000000] [--rounds 5] [--keep-node]
 */
import { parseArgs } from 'node:util';
import { buildReport, type ReportRequest } from '../../query-api/reports/build-report.ts';
import { localDayBounds } from '../../query-api/reports/local-day.ts';
import { fixed, formatTable, grouped } from '../shared/format-table.ts';
import { onSeededData } from '../shared/seeded-data.ts';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '1000000' },
    rounds: { type: 'string', default: '5' },
    'keep-node': { type: 'boolean', default: false },
  },
});
const count = Number(values.records);
const rounds = Number(values.rounds);
const progress = (line: string) => process.stderr.write(`[bench:reports] ${line}\n`);
const prefix = 'bench-reports';
const TZ = 'UTC';

await onSeededData({ prefix, records: count, keepNode: values['keep-node'], progress }, async ({ client, config }) => {
  const { names } = config;

  const range = (from: string, to: string) => ({
    range: {
      '@timestamp': { gte: localDayBounds(from, TZ).from.toISOString(), lt: localDayBounds(to, TZ).from.toISOString() },
    },
  });
  const raw = (filter: object, aggs: object) => async () => {
    await client.search({
      index: names.readAlias,
      body: { size: 0, track_total_hits: true, query: { bool: { filter: [filter] } }, aggs },
    } as never);
  };
  const errors = { term: { status: 'error' } };
  const cases: Array<{
    name: string;
    request: ReportRequest;
    records: () => Promise<number>;
    raw: () => Promise<void>;
  }> = [
    {
      name: 'daily summary (2026-01-20)',
      request: { kind: 'daily', date: '2026-01-20' },
      records: () => countIn(range('2026-01-20', '2026-01-21')),
      raw: raw(range('2026-01-20', '2026-01-21'), {
        types: { terms: { field: 'operation_type', size: 10 } },
        statuses: { terms: { field: 'status', size: 10 } },
        avg: { avg: { field: 'duration_ms' } },
        pct: { percentiles: { field: 'duration_ms', percents: [95, 99] } },
        errors: { filter: errors, aggs: { messages: { terms: { field: 'error_message.keyword', size: 10 } } } },
      }),
    },
    {
      name: 'weekly errors (2026-01-19, 7 days)',
      request: { kind: 'weekly', start: '2026-01-19' },
      records: () => countIn(range('2026-01-19', '2026-01-26')),
      raw: raw(range('2026-01-19', '2026-01-26'), {
        days: {
          date_histogram: { field: '@timestamp', calendar_interval: 'day', time_zone: TZ },
          aggs: { errors: { filter: errors } },
        },
        errors: {
          filter: errors,
          aggs: {
            types: { terms: { field: 'operation_type', size: 10 } },
            fingerprints: { terms: { field: 'error_fingerprint', size: 10 } },
            customers: { cardinality: { field: 'customer.id', precision_threshold: 40_000 } },
          },
        },
      }),
    },
    {
      name: 'monthly activity (2026-01)',
      request: { kind: 'monthly', month: '2026-01' },
      records: () => countIn(range('2026-01-01', '2026-02-01')),
      raw: raw(range('2026-01-01', '2026-02-01'), {
        customers: { cardinality: { field: 'customer.id', precision_threshold: 40_000 } },
        top: {
          terms: { field: 'customer.id', size: 10 },
          aggs: { operations: { cardinality: { field: 'operation_key', precision_threshold: 1_000 } } },
        },
        types: { terms: { field: 'operation_type', size: 10 } },
        failures: {
          filter: errors,
          aggs: { customers: { terms: { field: 'customer.id', size: 1_000, min_doc_count: 2 } } },
        },
      }),
    },
  ];

  async function countIn(filter: object): Promise<number> {
    const { body } = await client.count({
      index: names.readAlias,
      body: { query: { bool: { filter: [filter] } } },
    } as never);
    return (body as unknown as { count: number }).count;
  }
  const time = async (fn: () => Promise<unknown>) => {
    const start = performance.now();
    await fn();
    return performance.now() - start;
  };
  const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;

  const rows: string[][] = [];
  for (const c of cases) {
    progress(c.name);
    const report = () => buildReport(client, names, c.request, TZ);
    await report(); // warm-up, both
    await c.raw();
    const times = { report: [] as number[], raw: [] as number[] };
    for (let i = 0; i < rounds; i++) {
      // Alternating which goes first, so drift hits both alike.
      if (i % 2 === 0) {
        times.raw.push(await time(c.raw));
        times.report.push(await time(report));
      } else {
        times.report.push(await time(report));
        times.raw.push(await time(c.raw));
      }
    }
    rows.push([
      c.name,
      grouped(await c.records()),
      fixed(median(times.raw), 0),
      fixed(median(times.report), 0),
      `${fixed(median(times.report) / median(times.raw), 1)}×`,
    ]);
  }
  console.log(
    `## Reports: ${grouped(count)} records (about ${grouped(count / 60)} a day over 60 days), median of ${rounds} rounds, local OpenSearch "bench"\n`,
  );
  console.log(
    formatTable(['report', 'records in range', 'raw aggregation ms', 'synclog report ms', 'report ÷ raw'], rows),
  );
});
