import type { Registry } from 'prom-client';

/** The shipper's record counters, read from its registry and summed over their labels. */
export async function counterTotals(registry: Registry, prefix = 'synclog_shipper_') {
  const metrics = await registry.getMetricsAsJSON();
  const values = (name: string) => metrics.find((m) => m.name === `${prefix}${name}`)?.values ?? [];
  const sum = (name: string, keep: (labels: Record<string, unknown>) => boolean = () => true) =>
    values(name)
      .filter((v) => keep(v.labels as Record<string, unknown>))
      .reduce((n, v) => n + v.value, 0);
  const byReason: Record<string, number> = {};
  // Every closed series exists from the start at 0: only the reasons that happened are listed.
  for (const v of values('records_dead_lettered_total'))
    if (v.value > 0) byReason[String(v.labels.reason)] = (byReason[String(v.labels.reason)] ?? 0) + v.value;
  return {
    queued: sum('records_queued_total'),
    replayed: sum('records_replayed_total'),
    sent: sum('records_sent_total'),
    spooled: sum('records_spooled_total'),
    // Evicted records were counted as spooled when they went to disk.
    dropped: sum('records_dropped_total', (l) => l.reason !== 'spool-evicted'),
    deadLetteredAtCall: sum('records_dead_lettered_total', (l) => l.stage === 'call'),
    deadLetteredLater: sum('records_dead_lettered_total', (l) => l.stage === 'delivery'),
    /** Dead letters by reason code, both stages. */
    byReason,
  };
}
