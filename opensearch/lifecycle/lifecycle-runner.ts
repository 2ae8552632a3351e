import type { OpenSearchClient } from '../client/create-client.ts';
import type { IndexPeriod } from '../record/index-period.ts';
import type { IndexNames } from '../record/index-names.ts';
import { nodeTemperatures } from '../setup/node-temperatures.ts';
import { readSetupMetadata } from '../setup/setup-metadata.ts';
import { errorStatus } from '../shared/response-errors.ts';
import { planIndex, type IndexFacts, type LifecycleAction } from './lifecycle-plan.ts';
import type { LifecyclePolicy } from './lifecycle-policy.ts';

export interface LifecycleRunnerDeps {
  readonly client: OpenSearchClient;
  readonly names: IndexNames;
  readonly policy: LifecyclePolicy;
  /** The time the pass judges ages by (injected in tests). */
  readonly now: () => Date;
  /** Who acts, as the retention log records it (the scheduler's run id, or `cli:<user>`). */
  readonly by: string;
}

export interface IndexOutcome {
  readonly index: string;
  readonly action: LifecycleAction['kind'];
  readonly outcome: 'done' | 'failed' | 'blocked' | 'waiting' | 'planned';
  readonly detail?: string;
}

/** A step recorded in the retention log; `deleted` records are the proof of deletion. */
interface LogRecord {
  readonly index: string;
  readonly step: 'cold' | 'archived' | 'deleting' | 'deleted';
  readonly outcome: 'done' | 'failed';
  readonly at: string;
  readonly by: string;
  readonly period_start?: string;
  readonly period_end?: string;
  readonly doc_count?: number;
  readonly snapshot?: string;
  readonly repository?: string;
  readonly error?: string;
}

/**
 * One pass of the built-in lifecycle runner over every log index: each index gets the steps that
 * are due (cold, then archive, then delete), each recorded in the retention log. Every step is
 * idempotent, so a pass cut short anywhere is finished by the next one. It does nothing where ISM
 * is the retention executor, and with `dryRun` it only reports what it would do.
 */
export async function runLifecyclePass(deps: LifecycleRunnerDeps, options: { dryRun?: boolean } = {}): Promise<IndexOutcome[]> {
  const { client, names, policy } = deps;
  const metadata = await readSetupMetadata(client, names.meta);
  if (metadata?.executors.retention === 'ism') return [];
  const repository = policy.archive_repository;
  const log = await readLog(client, names.retentionLog);
  if (!options.dryRun) await completeDeletions(deps, log);

  const indices = await logIndices(client, names);
  const held = await heldIndices(client, names.holds);
  const coldNodes = (await nodeTemperatures(client)).has('cold');
  const outcomes: IndexOutcome[] = [];
  for (const { index, docs } of indices) {
    const period = names.periodOfIndex(index)!;
    const records = log.filter((r) => r.index === index && r.outcome === 'done');
    const archivedRecord = records.findLast((r) => r.step === 'archived');
    let facts: IndexFacts = {
      index,
      period,
      cold: records.some((r) => r.step === 'cold'),
      archive: archivedRecord?.snapshot ? { snapshot: archivedRecord.snapshot, verified: await snapshotHolds(client, repository, archivedRecord.snapshot, index) } : null,
      held: held.has(index),
    };
    const record = (step: LogRecord['step'], outcome: LogRecord['outcome'], extra: Partial<LogRecord> = {}) =>
      appendLog(client, names.retentionLog, { index, step, outcome, at: deps.now().toISOString(), by: deps.by, period_start: period.start.toISOString(), period_end: period.end.toISOString(), ...extra });

    // Cold, archive and delete can all be due at once (a back-filled old index): go on while steps succeed.
    for (let step = 0; step < 3; step++) {
      const action = planIndex(facts, policy, deps.now());
      if (action.kind === 'none') {
        if (step === 0) outcomes.push({ index, action: 'none', outcome: 'waiting', ...(action.next ? { detail: `${action.next.step} from ${action.next.at.toISOString()}` } : {}) });
        break;
      }
      if (action.kind === 'blocked') {
        outcomes.push({ index, action: 'blocked', outcome: 'blocked', detail: action.reason });
        break;
      }
      if (options.dryRun) {
        outcomes.push({ index, action: action.kind, outcome: 'planned' });
        break;
      }
      try {
        if (action.kind === 'cold') {
          await makeCold(client, index, policy, coldNodes);
          await record('cold', 'done');
          facts = { ...facts, cold: true };
        } else if (action.kind === 'archive') {
          const snapshot = `${index}.archive.${deps.now().getTime()}`;
          await archive(client, repository, snapshot, index);
          await record('archived', 'done', { snapshot, repository });
          facts = { ...facts, archive: { snapshot, verified: true } };
        } else {
          // Intent first, with what the proof needs; the proof itself once the index is gone.
          const proof = { doc_count: docs, snapshot: action.snapshot, repository };
          await record('deleting', 'done', proof);
          await client.indices.delete({ index });
          await record('deleted', 'done', proof);
        }
        outcomes.push({ index, action: action.kind, outcome: 'done' });
      } catch (error) {
        const message = describe(error);
        await record(action.kind === 'archive' ? 'archived' : action.kind === 'delete' ? 'deleted' : 'cold', 'failed', { error: message }).catch(() => {});
        outcomes.push({ index, action: action.kind, outcome: 'failed', detail: message });
        break;
      }
      if (action.kind === 'delete') break;
    }
  }
  return outcomes;
}

async function makeCold(client: OpenSearchClient, index: string, policy: LifecyclePolicy, coldNodes: boolean): Promise<void> {
  await client.indices.putSettings({
    index,
    body: {
      index: {
        auto_expand_replicas: false,
        number_of_replicas: policy.cold.replicas,
        priority: policy.cold.priority,
        'blocks.write': true,
        ...(coldNodes ? { 'routing.allocation.require.temp': 'cold' } : {}),
      },
    },
  } as never);
  await client.indices.forcemerge({ index, max_num_segments: policy.cold.force_merge_segments } as never, { requestTimeout: 3_600_000 });
}

async function archive(client: OpenSearchClient, repository: string, snapshot: string, index: string): Promise<void> {
  await client.snapshot.create(
    { repository, snapshot, wait_for_completion: true, body: { indices: index, include_global_state: false } } as never,
    { requestTimeout: 3_600_000 },
  );
  if (!(await snapshotHolds(client, repository, snapshot, index))) throw new Error(`snapshot ${repository}/${snapshot} did not complete for ${index}`);
}

/** The snapshot exists, succeeded on every shard, and holds the index. */
async function snapshotHolds(client: OpenSearchClient, repository: string, snapshot: string, index: string): Promise<boolean> {
  try {
    const { body } = await client.snapshot.get({ repository, snapshot } as never);
    const found = (body as unknown as { snapshots?: Array<{ state: string; indices: string[]; shards?: { failed: number } }> }).snapshots?.[0];
    return found?.state === 'SUCCESS' && found.indices.includes(index) && (found.shards?.failed ?? 0) === 0;
  } catch (error) {
    if ([404, 500].includes(errorStatus(error).status ?? 0)) return false;
    throw error;
  }
}

/** A pass cut short between deleting an index and recording its proof: the proof is written now. */
async function completeDeletions(deps: LifecycleRunnerDeps, log: readonly LogRecord[]): Promise<void> {
  const deleted = new Set(log.filter((r) => r.step === 'deleted' && r.outcome === 'done').map((r) => r.index));
  for (const intent of log.filter((r) => r.step === 'deleting' && !deleted.has(r.index))) {
    const exists = (await deps.client.indices.exists({ index: intent.index })).body as unknown as boolean;
    if (exists) continue; // the next step of the pass deletes it
    await appendLog(deps.client, deps.names.retentionLog, { ...intent, step: 'deleted', at: deps.now().toISOString() });
  }
}

async function logIndices(client: OpenSearchClient, names: IndexNames): Promise<Array<{ index: string; docs: number }>> {
  const { body } = await client.cat.indices({ index: names.logsPattern, format: 'json', h: 'index,docs.count', expand_wildcards: 'all' } as never);
  return (body as unknown as Array<{ index: string; 'docs.count': string | null }>)
    .filter((row) => names.periodOfIndex(row.index) !== null)
    .map((row) => ({ index: row.index, docs: Number(row['docs.count'] ?? 0) }))
    .sort((a, b) => a.index.localeCompare(b.index));
}

async function readLog(client: OpenSearchClient, index: string): Promise<LogRecord[]> {
  const { body } = await client.search({ index, body: { size: 10_000, sort: [{ at: 'asc' }], query: { match_all: {} } } } as never);
  return (body as unknown as { hits: { hits: Array<{ _source: LogRecord }> } }).hits.hits.map((hit) => hit._source);
}

async function appendLog(client: OpenSearchClient, index: string, record: LogRecord): Promise<void> {
  await client.index({ index, body: record as never, refresh: true });
}

async function heldIndices(client: OpenSearchClient, index: string): Promise<Set<string>> {
  const { body } = await client.search({ index, body: { size: 10_000, _source: ['index'], query: { match_all: {} } } } as never);
  return new Set((body as unknown as { hits: { hits: Array<{ _source: { index: string } }> } }).hits.hits.map((hit) => hit._source.index));
}

function describe(error: unknown): string {
  const { status, type, reason } = errorStatus(error);
  return (status === undefined ? reason : `HTTP ${status}${type ? ` ${type}` : ''}: ${reason}`).slice(0, 2_000);
}
