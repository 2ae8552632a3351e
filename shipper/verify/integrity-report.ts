/**
 * What `synclog verify` finds. A finding is evidence that stored records differ from what their
 * producer wrote, and fails the run; the notes (retention, refused records, an unverifiable tail,
 * checkpoints absent from the cluster) explain absences that are not tampering.
 */
export const findingKinds = ['missing', 'duplicated', 'altered', 'inserted', 'reordered'] as const;
export type FindingKind = (typeof findingKinds)[number];

export interface DocumentRef {
  readonly index: string;
  readonly id: string;
}

export interface Finding {
  readonly kind: FindingKind;
  /** First seq concerned (a checkpoint's seq for a forged checkpoint). */
  readonly from: number;
  /** Last seq concerned, inclusive. */
  readonly to: number;
  /** Seqs (missing) or documents (the other kinds) concerned. */
  readonly count: number;
  /** What was seen, in words: `at the head`, `hash does not match the chain_prev of seq 12`, … */
  readonly detail: string;
  /** The stored documents concerned (a few). */
  readonly documents?: readonly DocumentRef[];
}

/** Seqs absent because the lifecycle deleted their index, by the checkpoints' counts. */
export interface RetentionGap {
  readonly from: number;
  readonly to: number;
  readonly count: number;
  /** The deleted indices the counts place them in, with the day the retention log says. */
  readonly indices: ReadonlyArray<{ readonly index: string; readonly deletedOn: string }>;
}

/** Records after the last checkpoint of a producer that never wrote a `final` one (killed, or still running). */
export interface UnverifiableTail {
  /** The last checkpointed seq (-1: none after the genesis). */
  readonly after: number;
  /** Records stored after it. */
  readonly records: number;
  /** Seqs after it that are absent although a later one is stored (lost with the process, or removed). */
  readonly absent: number;
}

/** The producer's signed checkpoints, as verify read them. */
export interface CheckpointSummary {
  /** Checkpoints whose signature a given public key verifies. */
  readonly valid: number;
  /** Checkpoints with a bad signature, an unknown key or a malformed body (each also a finding). */
  readonly invalid: number;
  /** Highest valid checkpointed seq; null without one. */
  readonly highest: number | null;
  /** Seq of the `final` checkpoint; null when the producer never closed. */
  readonly final: number | null;
  /** Valid checkpoints found only in the files beside the spools, not in the cluster. */
  readonly onlyInFiles: number;
}

export interface ProducerIntegrity {
  readonly producerId: string;
  /** The producer its genesis checkpoint names as the one it took over from. */
  readonly predecessor?: string;
  /** The seqs checked: the whole producer, or the checkpoint intervals a time window touches. */
  readonly checked: { readonly from: number; readonly to: number | null };
  /** Stored records read. */
  readonly records: number;
  /** Lowest and highest stored seq read; null without records. */
  readonly first: number | null;
  readonly last: number | null;
  readonly checkpoints: CheckpointSummary;
  readonly findings: readonly Finding[];
  /** More findings than listed (the counts stay exact). */
  readonly findingsTruncated: boolean;
  readonly counts: Readonly<Record<FindingKind, number>>;
  readonly deletedByRetention: readonly RetentionGap[];
  /** Seqs absent from the log indices and kept as dead letters: refused by OpenSearch, not lost. */
  readonly refused: number;
  readonly unverifiable: UnverifiableTail | null;
  /** Things an auditor may want to know that are not findings. */
  readonly notes: readonly string[];
}

/** Producers linked by `predecessor`, oldest first: one service's producers across its restarts. */
export interface Lineage {
  readonly producers: readonly ProducerIntegrity[];
}

export interface IntegrityTotals {
  readonly producers: number;
  readonly records: number;
  readonly findings: Readonly<Record<FindingKind, number>>;
  readonly deletedByRetention: number;
  readonly refused: number;
  readonly unverifiable: number;
}

export interface IntegrityReport {
  readonly lineages: readonly Lineage[];
  readonly totals: IntegrityTotals;
  /** Notes about the inputs (unreadable lines in a checkpoint file, …). */
  readonly notes: readonly string[];
  /** No finding for any producer. */
  readonly clean: boolean;
}

export const noFindings = (): Record<FindingKind, number> => ({
  missing: 0,
  duplicated: 0,
  altered: 0,
  inserted: 0,
  reordered: 0,
});
