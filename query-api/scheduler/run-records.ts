import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';
import { errorStatus } from '../../opensearch/shared/response-errors.ts';
import type { RunTrigger } from './scheduled-job.ts';

export type RunState = 'running' | 'succeeded' | 'failed';

/** One job's run for one period, as stored. Records are created once and changed only under `if_seq_no`. */
export interface RunRecord {
  readonly job: string;
  /** The period's fire time, ISO. */
  readonly period: string;
  readonly state: RunState;
  readonly trigger: RunTrigger;
  readonly attempts: number;
  /** The instance that runs (or last ran) it. */
  readonly instance: string;
  readonly created_at: string;
  readonly started_at: string;
  readonly heartbeat_at: string;
  readonly finished_at?: string;
  readonly duration_ms?: number;
  /** Set on a failed run that will be tried again. */
  readonly next_attempt_at?: string;
  /** A failed run that used up its attempts. */
  readonly gave_up?: boolean;
  readonly result?: { readonly value: unknown };
  readonly error?: string;
}

export interface StoredRun {
  readonly id: string;
  readonly record: RunRecord;
  readonly seqNo: number;
  readonly primaryTerm: number;
}

export interface RunRecords {
  get(ids: readonly string[]): Promise<Map<string, StoredRun>>;
  /** `null` when the record exists: another instance owns that run. */
  create(id: string, record: RunRecord): Promise<StoredRun | null>;
  /** `null` when the record changed since it was read: another instance got there first. */
  replace(run: StoredRun, record: RunRecord): Promise<StoredRun | null>;
  /**
   * A job's runs that need an instance, oldest period first: failed ones whose next attempt is
   * due, and running ones whose heartbeat is older than `staleBefore` (their instance died).
   */
  needingAttention(job: string, now: string, staleBefore: string): Promise<StoredRun[]>;
  /** A job's newest runs, newest period first; `state` narrows them. */
  latest(job: string, size: number, state?: RunState): Promise<RunRecord[]>;
  /** How many of a job's runs are failed, split into given up and still to be retried. */
  failures(job: string): Promise<{ gaveUp: number; retrying: number }>;
}

type Written = { _seq_no: number; _primary_term: number };
type StoredDoc = { _id: string; _source: RunRecord } & Written;

const storedRun = (doc: StoredDoc): StoredRun => ({
  id: doc._id,
  record: doc._source,
  seqNo: doc._seq_no,
  primaryTerm: doc._primary_term,
});

/** Failed runs whose next attempt is due, and running ones whose heartbeat stopped before `staleBefore`. */
function attentionQuery(job: string, now: string, staleBefore: string) {
  return {
    bool: {
      filter: [{ term: { job } }],
      should: [
        {
          bool: {
            filter: [{ term: { state: 'failed' } }, { range: { next_attempt_at: { lte: now } } }],
            must_not: [{ term: { gave_up: true } }],
          },
        },
        { bool: { filter: [{ term: { state: 'running' } }, { range: { heartbeat_at: { lt: staleBefore } } }] } },
      ],
      minimum_should_match: 1,
    },
  };
}

export function runRecords(client: OpenSearchClient, index: string): RunRecords {
  async function write(id: string, record: RunRecord, guard: Record<string, unknown>): Promise<StoredRun | null> {
    try {
      const { body } = await client.index({ index, id, body: record as never, refresh: true, ...guard } as never);
      const written = body as unknown as Written;
      return { id, record, seqNo: written._seq_no, primaryTerm: written._primary_term };
    } catch (error) {
      if (errorStatus(error).status === 409) return null;
      throw error;
    }
  }

  return {
    async get(ids) {
      const found = new Map<string, StoredRun>();
      if (ids.length === 0) return found;
      const { body } = await client.mget({ index, body: { ids: [...ids] } } as never);
      const docs = (body as unknown as { docs: Array<StoredDoc & { found: boolean }> }).docs;
      for (const doc of docs) if (doc.found) found.set(doc._id, storedRun(doc));
      return found;
    },
    create: (id, record) => write(id, record, { op_type: 'create' }),
    replace: (run, record) => write(run.id, record, { if_seq_no: run.seqNo, if_primary_term: run.primaryTerm }),
    async needingAttention(job, now, staleBefore) {
      const { body } = await client.search({
        index,
        seq_no_primary_term: true,
        body: { size: 100, query: attentionQuery(job, now, staleBefore), sort: [{ period: 'asc' }] },
      } as never);
      return (body as unknown as { hits: { hits: Array<StoredDoc> } }).hits.hits.map(storedRun);
    },
    async latest(job, size, state) {
      const { body } = await client.search({
        index,
        body: {
          size,
          query: { bool: { filter: [{ term: { job } }, ...(state ? [{ term: { state } }] : [])] } },
          sort: [{ period: 'desc' }],
        },
      } as never);
      return (body as unknown as { hits: { hits: Array<{ _source: RunRecord }> } }).hits.hits.map((hit) => hit._source);
    },
    async failures(job) {
      const { body } = await client.search({
        index,
        body: {
          size: 0,
          track_total_hits: true,
          query: { bool: { filter: [{ term: { job } }, { term: { state: 'failed' } }] } },
          aggs: { gave_up: { filter: { term: { gave_up: true } } } },
        },
      } as never);
      const result = body as unknown as {
        hits: { total: { value: number } };
        aggregations: { gave_up: { doc_count: number } };
      };
      const gaveUp = result.aggregations.gave_up.doc_count;
      return { gaveUp, retrying: result.hits.total.value - gaveUp };
    },
  };
}
