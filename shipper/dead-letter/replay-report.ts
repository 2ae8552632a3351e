/** What one dead letter came to in a replay. */
export type ReplayItem =
  | { readonly id: string; readonly outcome: 'created' | 'already_present' | 'would_replay'; readonly index: string }
  | { readonly id: string; readonly outcome: 'rejected' | 'failed' | 'not_replayable'; readonly reason: string }
  | { readonly id: string; readonly outcome: 'skipped'; readonly replayedAt: string }
  | { readonly id: string; readonly outcome: 'not_found' };

export interface ReplayCounts {
  /** Created now. */
  created: number;
  /** Already in the log indices (409): delivered, no duplicate written. */
  alreadyPresent: number;
  /** `created + alreadyPresent`. */
  replayed: number;
  /** Dry run: would be written. */
  wouldReplay: number;
  /** OpenSearch still refuses the record (400). */
  rejected: number;
  /** Another error (429, 5xx…): try again later. */
  failed: number;
  /** `raw` is not a valid full record. */
  notReplayable: number;
  /** Replayed by an earlier run. */
  skipped: number;
  /** Requested by id, but no such dead letter. */
  notFound: number;
  /** Replayed, but marking the dead letter failed: the next replay finds the record present. */
  unmarked: number;
}

export interface ReplayReport {
  readonly counts: ReplayCounts;
  /** One entry per dead letter considered (earlier replays by filter are only counted). */
  readonly items: readonly ReplayItem[];
  readonly itemsTruncated: boolean;
  readonly dryRun: boolean;
}

export const emptyReplayCounts = (): ReplayCounts => ({
  created: 0,
  alreadyPresent: 0,
  replayed: 0,
  wouldReplay: 0,
  rejected: 0,
  failed: 0,
  notReplayable: 0,
  skipped: 0,
  notFound: 0,
  unmarked: 0,
});
