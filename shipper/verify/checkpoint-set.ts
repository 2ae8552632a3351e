import type { KeyObject } from 'node:crypto';
import {
  checkpointId,
  checkpointSchema,
  type Checkpoint,
  type CheckpointKind,
} from '../../opensearch/integrity/checkpoint.ts';
import { canonicalText } from '../../opensearch/integrity/record-hash.ts';
import { checkpointSignatureValid } from '../../opensearch/integrity/signing-key.ts';
import type { Finding } from './integrity-report.ts';

/** One stored copy of a checkpoint, as read: a document of the checkpoints index or a line of a file. */
export interface CheckpointCopy {
  readonly origin: 'cluster' | 'file';
  /** `<index>/<_id>` or `<path>:<line>`. */
  readonly where: string;
  readonly value: unknown;
}

/** A seq whose record's hash a signature vouches for. */
export interface Anchor {
  readonly seq: number;
  readonly hash: string;
  /** `successor`: the predecessor's last checkpoint as the next producer's genesis states it. */
  readonly kind: CheckpointKind | 'successor';
}

/** Records per log index in (`after`, `to`], from the checkpoint at `to`. */
export interface CountedInterval {
  readonly after: number;
  readonly to: number;
  readonly indices: Readonly<Record<string, number>>;
}

export interface VerifiedCheckpoints {
  /** Sorted by seq, one per seq. */
  readonly anchors: readonly Anchor[];
  /** Sorted by `to`; only checkpoints that counted records. */
  readonly intervals: readonly CountedInterval[];
  readonly final: number | null;
  readonly genesis: Checkpoint | null;
  /** The valid checkpoints, by seq. */
  readonly signed: readonly Checkpoint[];
  readonly valid: number;
  readonly invalid: number;
  readonly onlyInFiles: number;
  /** Forged, malformed or conflicting checkpoints. */
  readonly findings: readonly Finding[];
  readonly notes: readonly string[];
}

export interface SuccessorAnchor {
  readonly successor: string;
  readonly seq: number;
  readonly hash: string;
}

const describe = (c: { kind?: unknown; seq?: unknown }, where: string) =>
  `checkpoint ${String(c.kind ?? '?')} at seq ${String(c.seq ?? '?')} (${where})`;

/**
 * A producer's checkpoints as the auditor can trust them: each copy (cluster or file) is checked
 * against the auditor's keys; what fails is a finding (`inserted`: a forged checkpoint) and takes
 * no part in the check of the records. Copies of one checkpoint are counted once.
 */
export function verifyCheckpoints(
  copies: readonly CheckpointCopy[],
  keys: ReadonlyMap<string, KeyObject>,
  successors: readonly SuccessorAnchor[] = [],
): VerifiedCheckpoints {
  const findings: Finding[] = [];
  const notes: string[] = [];
  const byId = new Map<string, { checkpoint: Checkpoint; text: string; inCluster: boolean }>();
  let invalid = 0;
  const forged = (seq: unknown, detail: string) => {
    invalid++;
    const at = typeof seq === 'number' && Number.isInteger(seq) ? seq : -1;
    findings.push({ kind: 'inserted', from: at, to: at, count: 1, detail });
  };
  for (const copy of copies) {
    const parsed = checkpointSchema.safeParse(copy.value);
    if (!parsed.success) {
      if (copy.origin === 'file') notes.push(`unreadable checkpoint line ${copy.where}`);
      else forged((copy.value as { seq?: unknown })?.seq, `malformed checkpoint (${copy.where})`);
      continue;
    }
    const checkpoint = parsed.data;
    const key = keys.get(checkpoint.key_id);
    if (!key) {
      forged(checkpoint.seq, `${describe(checkpoint, copy.where)} is signed by unknown key ${checkpoint.key_id}`);
      continue;
    }
    if (!checkpointSignatureValid(checkpoint, key)) {
      forged(checkpoint.seq, `${describe(checkpoint, copy.where)} has a bad signature`);
      continue;
    }
    const id = checkpointId(checkpoint);
    const text = canonicalText(checkpoint);
    const known = byId.get(id);
    if (!known) byId.set(id, { checkpoint, text, inCluster: copy.origin === 'cluster' });
    else if (known.text !== text) forged(checkpoint.seq, `two signed ${describe(checkpoint, copy.where)} differ`);
    else if (copy.origin === 'cluster') known.inCluster = true;
  }

  const valid = [...byId.values()].map((v) => v.checkpoint).sort((a, b) => a.seq - b.seq);
  const onlyInFiles = [...byId.values()].filter((v) => !v.inCluster);
  if (onlyInFiles.length > 0) {
    const latest = Math.max(...onlyInFiles.map((v) => v.checkpoint.seq));
    notes.push(
      `${onlyInFiles.length} checkpoint(s) only in the files, not in the cluster (the latest at seq ${latest})`,
    );
  }

  const anchors = new Map<number, Anchor>();
  const anchor = (next: Anchor, source: string) => {
    const held = anchors.get(next.seq);
    if (!held) anchors.set(next.seq, next);
    else if (held.hash !== next.hash) {
      findings.push({
        kind: 'inserted',
        from: next.seq,
        to: next.seq,
        count: 1,
        detail: `${source} states another hash for seq ${next.seq} than the ${held.kind} checkpoint`,
      });
    } else if (next.kind === 'final') anchors.set(next.seq, next);
  };
  for (const c of valid) anchor({ seq: c.seq, hash: c.hash, kind: c.kind }, `the ${c.kind} checkpoint`);
  for (const s of successors) anchor({ seq: s.seq, hash: s.hash, kind: 'successor' }, `the genesis of ${s.successor}`);

  const intervals = new Map<number, CountedInterval>();
  for (const c of valid) {
    const counted = Object.values(c.indices).reduce((sum, n) => sum + n, 0);
    if (counted > 0 && !intervals.has(c.seq))
      intervals.set(c.seq, { after: c.seq - counted, to: c.seq, indices: c.indices });
  }
  const finals = valid.filter((c) => c.kind === 'final');
  return {
    anchors: [...anchors.values()].sort((a, b) => a.seq - b.seq),
    intervals: [...intervals.values()].sort((a, b) => a.to - b.to),
    final: finals.length > 0 ? Math.max(...finals.map((c) => c.seq)) : null,
    genesis: valid.find((c) => c.kind === 'genesis') ?? null,
    signed: valid,
    valid: valid.length,
    invalid,
    onlyInFiles: onlyInFiles.length,
    findings,
    notes,
  };
}
