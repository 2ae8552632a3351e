import type { CheckpointCopy } from './checkpoint-set.ts';
import type { PitReader } from './pit-reader.ts';

const copiesOf = (index: string, hits: Array<{ _id: string; _source: unknown }>): CheckpointCopy[] =>
  hits.map((hit) => ({ origin: 'cluster', where: `${index}/${hit._id}`, value: hit._source }));

/** Every checkpoint document in the cluster that names the producer, whatever its body holds. */
export async function clusterCheckpoints(
  reader: PitReader,
  index: string,
  producerId: string,
): Promise<CheckpointCopy[]> {
  const copies: CheckpointCopy[] = [];
  for await (const hits of reader.pages({ term: { producer_id: producerId } }, [{ seq: 'asc' }])) {
    copies.push(...copiesOf(index, hits));
  }
  return copies;
}

/** Every genesis checkpoint in the cluster, by producer: who took over from whom. */
export async function clusterGeneses(reader: PitReader, index: string): Promise<Map<string, CheckpointCopy[]>> {
  const byProducer = new Map<string, CheckpointCopy[]>();
  for await (const hits of reader.pages<{ producer_id?: unknown }>({ term: { kind: 'genesis' } }, [
    { producer_id: 'asc' },
  ])) {
    for (const copy of copiesOf(index, hits)) {
      const producerId = (copy.value as { producer_id?: unknown }).producer_id;
      if (typeof producerId !== 'string') continue;
      const copies = byProducer.get(producerId) ?? [];
      copies.push(copy);
      byProducer.set(producerId, copies);
    }
  }
  return byProducer;
}
