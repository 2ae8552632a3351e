import type { Lineage, ProducerIntegrity } from './integrity-report.ts';

/**
 * Groups producers linked by `predecessor` (a restart names the producer it took over from), each
 * lineage oldest first; lineages in the order of their first producer's id.
 */
export function groupLineages(producers: readonly ProducerIntegrity[]): Lineage[] {
  const byId = new Map(producers.map((p) => [p.producerId, p]));
  const successors = new Map<string, ProducerIntegrity[]>();
  for (const p of producers) {
    if (p.predecessor === undefined || !byId.has(p.predecessor)) continue;
    const list = successors.get(p.predecessor) ?? [];
    list.push(p);
    successors.set(p.predecessor, list);
  }
  const seen = new Set<string>();
  const lineageFrom = (root: ProducerIntegrity): Lineage => {
    const members: ProducerIntegrity[] = [];
    const stack = [root];
    while (stack.length > 0) {
      const p = stack.pop()!;
      if (seen.has(p.producerId)) continue;
      seen.add(p.producerId);
      members.push(p);
      const next = [...(successors.get(p.producerId) ?? [])].sort((a, b) => b.producerId.localeCompare(a.producerId));
      stack.push(...next);
    }
    return { producers: members };
  };
  const sorted = [...producers].sort((a, b) => a.producerId.localeCompare(b.producerId));
  const roots = sorted.filter((p) => p.predecessor === undefined || !byId.has(p.predecessor));
  const lineages = roots.map(lineageFrom);
  // A cycle of predecessors has no root: it is shown from its first producer by id.
  for (const p of sorted) if (!seen.has(p.producerId)) lineages.push(lineageFrom(p));
  return lineages;
}
