import { createAbsentSeqs, type RefusedRecord } from './absent-seqs.ts';
import type { VerifiedCheckpoints } from './checkpoint-set.ts';
import { createFindingList } from './finding-list.ts';
import { createIntervalLedger, type AbsentRange } from './interval-ledger.ts';
import type { ProducerIntegrity, RetentionGap } from './integrity-report.ts';
import { alteredFinding, unlinkedFindings, type GapEnd, type Unlinked } from './reorder-match.ts';
import { groupEvidence } from './group-evidence.ts';
import { candidateOf, settleGroup, type Candidate, type StoredRecord } from './seq-group.ts';

export type { RefusedRecord } from './absent-seqs.ts';
export type { StoredRecord } from './seq-group.ts';

export interface ChainAnalysisInput {
  readonly producerId: string;
  readonly predecessor?: string;
  readonly checkpoints: VerifiedCheckpoints;
  /** Dead letters of the producer by seq. */
  readonly refused: ReadonlyMap<number, RefusedRecord>;
  /** Log indices the lifecycle deleted, with the day (retention log). */
  readonly deletedIndices: ReadonlyMap<string, string>;
  /** First seq checked. Default 0. */
  readonly from?: number;
  /** Last seq checked; default null: to the end. */
  readonly to?: number | null;
  /** Findings listed per producer. Default 1 000. */
  readonly maxListed?: number;
}

export interface ChainAnalyser {
  /** The next stored record, in seq order (documents of one seq in any order). */
  add(record: StoredRecord): void;
  finish(): ProducerIntegrity;
}

/** Gaps up to this long are searched for records moved there from another seq. */
const SMALL_GAP = 16;

/**
 * Checks one producer's stored records against its chain and its verified checkpoints, one record
 * at a time: memory holds two seqs of documents, the checkpoints, and what is found (capped), never
 * the producer's records. Pure: the records, checkpoints, dead letters and deletions come in.
 */
export function createChainAnalyser(input: ChainAnalysisInput): ChainAnalyser {
  const { checkpoints, refused } = input;
  const from = input.from ?? 0;
  const to = input.to ?? null;
  const maxListed = input.maxListed ?? 1_000;
  const anchors = new Map(checkpoints.anchors.map((a) => [a.seq, a]));
  const top = checkpoints.anchors.at(-1);
  const signed = top !== undefined;
  const final = checkpoints.final;
  const verifiedTo = top?.seq ?? -1;
  const killed = signed && final === null;
  const ledger = createIntervalLedger(checkpoints.intervals, input.deletedIndices);
  const findings = createFindingList(maxListed);
  findings.push(...checkpoints.findings);
  const absentSeqs = createAbsentSeqs({ from, to, refused, killed, verifiedTo, ledger });
  const unlinked: Unlinked[] = [];
  const gapEnds: GapEnd[] = [];
  const retention: RetentionGap[] = [];
  let tailRecords = 0;
  let records = 0;
  let first: number | null = null;
  let last: number | null = null;
  let next: number | undefined = signed ? from : undefined;
  let prev: Candidate[] | undefined;
  let cur: Candidate[] | undefined;
  let prevLinked: { seq: number; hash: string } | undefined;
  let afterFinal: { from: number; to: number; count: number; docs: Candidate['doc'][] } | undefined;

  function report(range: AbsentRange) {
    const count = range.to - range.from + 1;
    if (range.kind === 'missing') {
      const detail = range.note ? `${range.label}; ${range.note}` : range.label;
      findings.push({ kind: 'missing', from: range.from, to: range.to, count, detail });
      return;
    }
    const held = retention.at(-1);
    const same =
      held &&
      held.to + 1 === range.from &&
      held.indices.map((i) => i.index).join() === range.indices.map((i) => i.index).join();
    if (same) retention[retention.length - 1] = { ...held, to: range.to, count: held.count + count };
    else retention.push({ from: range.from, to: range.to, count, indices: range.indices });
  }

  function settle(group: Candidate[], successor: Candidate[] | undefined) {
    const seq = group[0]!.seq;
    const evidence = signed
      ? groupEvidence(seq, successor, prevLinked, anchors, refused)
      : { forward: [], backward: undefined };
    const settled = settleGroup(group, evidence);
    findings.push(...settled.findings);
    if (settled.unlinked) {
      if (unlinked.length < maxListed) unlinked.push(settled.unlinked);
      else findings.push(alteredFinding(settled.unlinked));
    }
    prevLinked = settled.linkedHash === undefined ? undefined : { seq, hash: settled.linkedHash };
    ledger.stored(seq, (settled.linked ?? group[0]!).doc.index);
    for (const range of ledger.passTo(seq)) report(range);
  }

  return {
    add(record) {
      const candidate = candidateOf(record);
      const { seq } = candidate;
      records++;
      first ??= seq;
      last = seq;
      if (final !== null && seq > final) {
        afterFinal ??= { from: seq, to: seq, count: 0, docs: [] };
        afterFinal.to = seq;
        afterFinal.count++;
        if (afterFinal.docs.length < 5) afterFinal.docs.push(candidate.doc);
        return;
      }
      if (killed && seq > verifiedTo) tailRecords++;
      if (cur && cur[0]!.seq === seq) {
        cur.push(candidate);
        return;
      }
      next ??= seq;
      if (seq > next) {
        const label = cur ? 'inside' : next === 0 ? 'at the head' : `at the start of the checked seqs`;
        absentSeqs.absent(next, seq - 1, label);
        if (signed && seq - next <= SMALL_GAP && candidate.chainPrev && gapEnds.length < maxListed) {
          gapEnds.push({ seq: seq - 1, hash: candidate.chainPrev });
        }
      }
      next = seq + 1;
      if (cur) {
        if (prev) settle(prev, cur);
        prev = cur;
      }
      cur = [candidate];
    },
    finish() {
      if (prev) settle(prev, cur);
      if (cur) settle(cur, undefined);
      if (signed) {
        const end = to === null ? verifiedTo : Math.min(to, verifiedTo);
        // Checkpoints vouch for records delivered or spooled: a producer that did not close may
        // still have the missing ones in its spool, until its successor sends them.
        const label = !cur
          ? 'no record of these seqs is stored'
          : end !== verifiedTo
            ? 'at the end of the checked seqs'
            : killed
              ? 'at the tail; the producer did not close: still in its spool, or removed'
              : 'at the tail';
        if (next! <= end) absentSeqs.absent(next!, end, label);
      }
      for (const range of ledger.finish()) report(range);
      findings.push(...unlinkedFindings(unlinked, gapEnds));
      if (afterFinal) {
        const { docs, ...range } = afterFinal;
        findings.push({
          kind: 'inserted',
          ...range,
          detail: `after the final checkpoint at seq ${final}`,
          documents: docs,
        });
      }
      if (!signed && records > 0) {
        findings.push({
          kind: 'inserted',
          from: first!,
          to: last!,
          count: records,
          detail: 'no valid signed checkpoint vouches for this producer',
        });
      }
      const listed = findings.listed();
      return {
        producerId: input.producerId,
        ...(input.predecessor ? { predecessor: input.predecessor } : {}),
        checked: { from, to },
        records,
        first,
        last,
        checkpoints: {
          valid: checkpoints.valid,
          invalid: checkpoints.invalid,
          highest: top?.seq ?? null,
          final,
          onlyInFiles: checkpoints.onlyInFiles,
        },
        findings: listed,
        findingsTruncated: findings.truncated,
        counts: findings.counts(),
        deletedByRetention: retention,
        refused: absentSeqs.refused(),
        unverifiable:
          killed && tailRecords > 0 ? { after: verifiedTo, records: tailRecords, absent: absentSeqs.inTail() } : null,
        notes: checkpoints.notes,
      };
    },
  };
}
