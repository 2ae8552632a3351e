import { formatTable } from '../shared/format-table.ts';
import type { ContenderResult } from './contender-result.ts';
import { LABELS, type IngestRun, type Mode } from './ingest-plan.ts';
import { rawMean } from './ingest-report.ts';

interface Ratio {
  readonly label: string;
  /** `null` when it cannot be computed (a contender not run, unavailable or failed). */
  readonly value: number | null;
  readonly target: string;
  readonly met: ((value: number) => boolean) | null;
  readonly why?: string;
}

const ratio = (a: number | null | undefined, b: number | null | undefined): number | null =>
  a == null || b == null || !Number.isFinite(a) || !Number.isFinite(b) ? null : b === 0 ? Infinity : a / b;

/** The ratios the targets are stated in, for one mode's runs. */
function modeRatios(mode: Mode, runs: readonly IngestRun[]): Ratio[] {
  const ok = (label: string) => runs.find((r) => r.label === label && r.result.status === 'ok')?.result;
  const whyNot = (label: string) => runs.find((r) => r.label === label)?.result.status ?? 'not run';
  const synclog = ok(LABELS.synclog);
  const steady = ok(LABELS.steady);
  const helpers = ok(LABELS.helpersBulk);
  const noop = ok(LABELS.winstonNoop);
  const rawRate = rawMean(runs, (r) => r.docsPerSecond);
  const rawCpu = rawMean(runs, (r) => r.cpuPerDelivered);
  const synclogOwn = synclog?.cpuPerDelivered != null && noop ? synclog.cpuPerDelivered - noop.cpuPerDoc! : null;
  const at = (text: string) => `${text} [${mode}]`;
  const info = (label: string, value: number | null, why?: string): Ratio => ({
    label: at(label),
    value,
    target: '–',
    met: null,
    ...(why ? { why } : {}),
  });
  const rawFirst = ok(LABELS.rawFirst)?.docsPerSecond;
  const rawLast = ok(LABELS.rawLast)?.docsPerSecond;
  const peer = (label: string): Ratio => ({
    label: at(`synclog ÷ ${label} (docs/s)`),
    value: ratio(synclog?.docsPerSecond, ok(label)?.docsPerSecond),
    target: '≥ 3×',
    met: (v) => v >= 3,
    why: whyNot(label),
  });
  return [
    {
      label: at('synclog ÷ raw (docs/s; raw = mean of first and last)'),
      value: ratio(synclog?.docsPerSecond, rawRate),
      target: '≥ 0.95×',
      met: (v) => v >= 0.95,
    },
    {
      label: at('server CPU µs/doc: synclog ÷ raw'),
      value: ratio(
        synclog?.serverCpuPerDelivered,
        rawMean(runs, (r) => r.serverCpuPerDelivered),
      ),
      target: '≤ 1.1×',
      met: (v) => v <= 1.1,
    },
    {
      label: at('(synclog − winston no-op) ÷ helpers.bulk (CPU µs/delivered)'),
      value: ratio(synclogOwn, helpers?.cpuPerDelivered),
      target: '≤ 1.2×',
      met: (v) => v <= 1.2,
      why: !noop ? `winston no-op ${whyNot(LABELS.winstonNoop)}` : `helpers.bulk ${whyNot(LABELS.helpersBulk)}`,
    },
    {
      label: at(`synclog burst ÷ steady (CPU µs/delivered; spilled ${spilled(synclog)} vs ${spilled(steady)})`),
      value: ratio(synclog?.cpuPerDelivered, steady?.cpuPerDelivered),
      target: '≤ 1.3×',
      met: (v) => v <= 1.3,
      why: whyNot(LABELS.steady),
    },
    info('helpers.bulk ÷ raw (docs/s)', ratio(helpers?.docsPerSecond, rawRate), whyNot(LABELS.helpersBulk)),
    info('helpers.bulk ÷ raw (CPU µs/delivered)', ratio(helpers?.cpuPerDelivered, rawCpu), whyNot(LABELS.helpersBulk)),
    info(
      'raw serialising ÷ raw (CPU µs/delivered)',
      ratio(ok(LABELS.rawSerialising)?.cpuPerDelivered, rawCpu),
      whyNot(LABELS.rawSerialising),
    ),
    peer(LABELS.winstonOpenSearch),
    peer(LABELS.pino),
    peer(LABELS.pinoWorkaround),
    {
      label: at('synclog ÷ winston-opensearch (CPU µs/doc)'),
      value: ratio(synclog?.cpuPerDoc, ok(LABELS.winstonOpenSearch)?.cpuPerDoc),
      target: '≤ 0.5×',
      met: (v) => v <= 0.5,
      why: whyNot(LABELS.winstonOpenSearch),
    },
    info('drift: raw last ÷ raw first (docs/s)', ratio(rawLast, rawFirst)),
  ];
}

function spilled(result: ContenderResult | undefined): string {
  const value = result?.stats?.['spooled'];
  return typeof value === 'number' ? value.toLocaleString('en-US') : '?';
}

/** Every mode's ratios, each beside its target. */
export function ratiosTable(runs: readonly IngestRun[]): string {
  const modes = [...new Set(runs.map((r) => r.mode))];
  const ratios = modes.flatMap((mode) =>
    modeRatios(
      mode,
      runs.filter((r) => r.mode === mode),
    ),
  );
  const rows = ratios.map((t) => [
    t.label,
    t.value === null
      ? `n/a (${t.why ?? 'missing'})`
      : t.value === Infinity
        ? '∞ (peer delivered nothing)'
        : `${t.value.toFixed(2)}×`,
    t.target,
    t.met && t.value !== null ? (t.met(t.value) ? 'yes' : 'NO') : '–',
  ]);
  return formatTable(['ratio', 'value', 'target', 'met'], rows);
}

/** The CPU figures behind the ratios, one line per mode: what is subtracted from what. */
export function cpuSummary(runs: readonly IngestRun[]): string {
  const modes = [...new Set(runs.map((r) => r.mode))];
  return modes
    .map((mode) => {
      const of = (label: string) =>
        runs.find((r) => r.mode === mode && r.label === label && r.result.status === 'ok')?.result;
      const µs = (v: number | null | undefined) => (v == null ? '?' : v.toFixed(1));
      const synclog = of(LABELS.synclog)?.cpuPerDelivered;
      const noop = of(LABELS.winstonNoop)?.cpuPerDoc;
      const own = synclog != null && noop != null ? synclog - noop : null;
      const raw = rawMean(
        runs.filter((r) => r.mode === mode),
        (r) => r.cpuPerDelivered,
      );
      return (
        `CPU µs per delivered record [${mode}]: synclog ${µs(synclog)} − winston no-op ${µs(noop)} = ${µs(own)}; ` +
        `helpers.bulk ${µs(of(LABELS.helpersBulk)?.cpuPerDelivered)}; raw (serialising) ${µs(of(LABELS.rawSerialising)?.cpuPerDelivered)}; ` +
        `raw (pre-serialised, mean) ${µs(raw)}`
      );
    })
    .join('\n');
}
