import type { KeyObject } from 'node:crypto';
import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import type { IndexNames } from '../../opensearch/record/index-names.ts';
import { createChainAnalyser } from './chain-analyser.ts';
import { checkedRange } from './checked-range.ts';
import type { FileCheckpoints } from './checkpoint-files.ts';
import { verifyCheckpoints, type CheckpointCopy, type SuccessorAnchor } from './checkpoint-set.ts';
import { clusterCheckpoints, clusterGeneses } from './cluster-checkpoints.ts';
import { noFindings, type IntegrityReport, type ProducerIntegrity } from './integrity-report.ts';
import { groupLineages } from './lineages.ts';
import { createPitReader } from './pit-reader.ts';
import { clusterProducers, selectsProducer, windowActivity, type ProducerSelection } from './producer-activity.ts';
import { retentionDeletions } from './retention-deletions.ts';
import { refusedRecords, storedRecords } from './stored-records.ts';

export interface IntegrityOptions extends ProducerSelection {
  /** The auditor's public keys by key id (`keyIdOf`): only checkpoints they verify are trusted. */
  readonly keys: ReadonlyMap<string, KeyObject>;
  /** The checkpoint copies beside the spools (`readCheckpointFiles`). */
  readonly files?: FileCheckpoints;
  /** Records per page. Default 2 000. */
  readonly pageSize?: number;
  /** Findings listed per producer. Default 1 000. */
  readonly maxListed?: number;
}

const NO_FILES: FileCheckpoints = { byProducer: new Map(), notes: [] };

/**
 * `synclog verify`: every producer's stored records against its chain and its signed checkpoints
 * (see `createChainAnalyser`), producer by producer, each read through a point in time in seq
 * order. Memory holds one producer's checkpoints and findings, not its records. With a time window
 * only the checkpoint intervals it touches are read (`checkedRange`).
 */
export async function verifyIntegrity(
  client: OpenSearchClient,
  names: IndexNames,
  options: IntegrityOptions,
): Promise<IntegrityReport> {
  const pageSize = options.pageSize ?? 2_000;
  const files = options.files ?? NO_FILES;
  const windowed = options.from !== undefined || options.to !== undefined;
  const records = createPitReader(client, names.readAlias, pageSize);
  const letters = createPitReader(client, names.deadLetter, pageSize);
  const checkpoints = createPitReader(client, names.checkpoints, pageSize);
  try {
    const deletedIndices = await retentionDeletions(client, names);
    const successors = successorAnchors(await clusterGeneses(checkpoints, names.checkpoints), files, options.keys);

    const activity = windowed ? await windowActivity(client, names, options) : null;
    const ids = new Set(activity ? activity.keys() : await clusterProducers(client, names, options));
    for (const [id, copies] of files.byProducer) {
      if (!selectsProducer(options, id)) continue;
      if (!activity || copies.some((c) => inWindow((c.value as { at?: unknown }).at, options))) ids.add(id);
    }
    if (!activity) for (const id of successors.keys()) if (selectsProducer(options, id)) ids.add(id);

    const producers: ProducerIntegrity[] = [];
    for (const producerId of [...ids].sort()) {
      const copies = [
        ...(await clusterCheckpoints(checkpoints, names.checkpoints, producerId)),
        ...(files.byProducer.get(producerId) ?? []),
      ];
      const verified = verifyCheckpoints(copies, options.keys, successors.get(producerId)?.anchors);
      const range = activity
        ? checkedRange(verified, activity.get(producerId) ?? null, options)
        : { from: 0, to: null };
      if (range === null) continue;
      const analyser = createChainAnalyser({
        producerId,
        ...(verified.genesis?.predecessor ? { predecessor: verified.genesis.predecessor.producer_id } : {}),
        checkpoints: verified,
        refused: await refusedRecords(letters, producerId, range.from, range.to),
        deletedIndices,
        from: range.from,
        to: range.to,
        ...(options.maxListed === undefined ? {} : { maxListed: options.maxListed }),
      });
      for await (const page of storedRecords(records, producerId, range.from, range.to)) {
        for (const record of page) analyser.add(record);
      }
      producers.push(analyser.finish());
    }
    return summarise(producers, files.notes);
  } finally {
    await Promise.all([records.close(), letters.close(), checkpoints.close()]);
  }
}

const inWindow = (at: unknown, window: ProducerSelection) => {
  const time = typeof at === 'string' ? Date.parse(at) : NaN;
  return (
    !Number.isNaN(time) && !(window.from && time < window.from.getTime()) && !(window.to && time >= window.to.getTime())
  );
};

/**
 * What each producer's successor says of it: a valid genesis checkpoint naming a predecessor is a
 * signed statement of the predecessor's last checkpointed seq and hash.
 */
function successorAnchors(
  cluster: Map<string, CheckpointCopy[]>,
  files: FileCheckpoints,
  keys: ReadonlyMap<string, KeyObject>,
): Map<string, { anchors: SuccessorAnchor[] }> {
  const byPredecessor = new Map<string, { anchors: SuccessorAnchor[] }>();
  const producers = new Set([...cluster.keys(), ...files.byProducer.keys()]);
  for (const producerId of producers) {
    const geneses = [
      ...(cluster.get(producerId) ?? []),
      ...(files.byProducer.get(producerId) ?? []).filter((c) => (c.value as { kind?: unknown }).kind === 'genesis'),
    ];
    const genesis = verifyCheckpoints(geneses, keys).genesis;
    const predecessor = genesis?.predecessor;
    if (!predecessor) continue;
    const entry = byPredecessor.get(predecessor.producer_id) ?? { anchors: [] };
    entry.anchors.push({ successor: producerId, seq: predecessor.seq, hash: predecessor.hash });
    byPredecessor.set(predecessor.producer_id, entry);
  }
  return byPredecessor;
}

function summarise(producers: ProducerIntegrity[], notes: readonly string[]): IntegrityReport {
  const findings = noFindings();
  let records = 0;
  let deletedByRetention = 0;
  let refused = 0;
  let unverifiable = 0;
  for (const p of producers) {
    records += p.records;
    for (const kind of Object.keys(findings) as Array<keyof typeof findings>) findings[kind] += p.counts[kind];
    deletedByRetention += p.deletedByRetention.reduce((n, r) => n + r.count, 0);
    refused += p.refused;
    unverifiable += p.unverifiable?.records ?? 0;
  }
  return {
    lineages: groupLineages(producers),
    totals: { producers: producers.length, records, findings, deletedByRetention, refused, unverifiable },
    notes,
    clean: Object.values(findings).every((n) => n === 0),
  };
}
