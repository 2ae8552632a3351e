import type { Finding, IntegrityReport, ProducerIntegrity } from '../shipper/verify/integrity-report.ts';

const LISTED = 20;

const seqs = (from: number, to: number) => (from === to ? `seq ${from}` : `seq ${from}..${to}`);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The report as text: one line per producer (lineages of restarted producers announced first),
 * then each finding as `<kind> <producer> seq <range>: <detail>`, then what is not a finding
 * (deleted by retention, refused, unverifiable), and a last line with the totals.
 */
export function verifyReportLines(report: IntegrityReport, windowed: boolean): string[] {
  const { lineages, totals } = report;
  if (totals.producers === 0) return ['verify: no producer found'];
  const lines: string[] = [];
  for (const lineage of lineages) {
    if (lineage.producers.length > 1) lines.push(`lineage: ${lineage.producers.map((p) => p.producerId).join(' → ')}`);
    for (const p of lineage.producers) lines.push(producerLine(p), ...detailLines(p));
  }
  lines.push(...report.notes.map((note) => `note: ${note}`));
  const found = Object.entries(totals.findings)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${n} ${kind}`);
  const besides = [
    totals.deletedByRetention > 0 ? `${totals.deletedByRetention} deleted by retention` : '',
    totals.refused > 0 ? `${totals.refused} refused (dead letters)` : '',
    totals.unverifiable > 0 ? `${totals.unverifiable} unverifiable` : '',
  ].filter(Boolean);
  lines.push(
    `verify: ${plural(totals.producers, 'producer')}, ${plural(totals.records, 'record')}: ${
      found.length > 0 ? found.join(', ') : 'no findings'
    }${besides.length > 0 ? `; ${besides.join(', ')}` : ''}`,
  );
  if (windowed)
    lines.push(
      'verify: in a time window, the checkpoint intervals it touches are checked whole (seqs per producer above)',
    );
  return lines;
}

function producerLine(p: ProducerIntegrity): string {
  const checked =
    p.checked.to === null
      ? p.checked.from === 0
        ? 'all'
        : `seq ${p.checked.from}..`
      : seqs(p.checked.from, p.checked.to);
  const { checkpoints: c } = p;
  const signedTo =
    c.valid === 0 && c.highest === null
      ? 'no valid checkpoint'
      : c.final !== null
        ? `${plural(c.valid, 'checkpoint')}, final at seq ${c.final}`
        : `${plural(c.valid, 'checkpoint')}, last at seq ${c.highest}, no final`;
  const failed = Object.values(p.counts).some((n) => n > 0);
  const status = failed ? 'FINDINGS' : p.unverifiable ? `ok up to seq ${p.unverifiable.after}` : 'ok';
  return `${p.producerId}  checked: ${checked}  ${plural(p.records, 'record')}  ${signedTo}  ${status}`;
}

function detailLines(p: ProducerIntegrity): string[] {
  const lines = p.findings.slice(0, LISTED).map((f) => `  ${findingText(p.producerId, f)}`);
  const more =
    Object.values(p.counts).reduce((n, c) => n + c, 0) > 0 && (p.findingsTruncated || p.findings.length > LISTED);
  if (more) lines.push(`  … more findings not shown (see --json); counts: ${countsText(p)}`);
  for (const r of p.deletedByRetention) {
    const where = r.indices.map((i) => `${i.index} deleted ${i.deletedOn}`).join(', ');
    const days = [...new Set(r.indices.map((i) => i.deletedOn))].join(', ');
    lines.push(
      `  deleted by retention on ${days}: ${p.producerId} ${seqs(r.from, r.to)} (${plural(r.count, 'record')}; ${where})`,
    );
  }
  if (p.refused > 0)
    lines.push(
      `  refused: ${p.producerId} ${plural(p.refused, 'seq')} kept as dead letters (synclog dead-letter list)`,
    );
  const tail = p.unverifiable;
  if (tail) {
    const absent = tail.absent > 0 ? `, ${tail.absent} seq(s) among them absent` : '';
    lines.push(
      `  unverifiable after seq ${tail.after}: ${p.producerId} ${plural(tail.records, 'record')} after its last checkpoint${absent}; no final checkpoint (killed, or still running)`,
    );
  }
  lines.push(...p.notes.map((note) => `  note: ${note}`));
  return lines;
}

const findingText = (producerId: string, f: Finding) => {
  const docs = f.documents?.length ? ` [${f.documents.map((d) => `${d.index}/${d.id}`).join(', ')}]` : '';
  return `${f.kind} ${producerId} ${seqs(f.from, f.to)}: ${f.detail}${docs}`;
};

const countsText = (p: ProducerIntegrity) =>
  Object.entries(p.counts)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${n} ${kind}`)
    .join(', ');
