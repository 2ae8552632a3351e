import type { OpenSearchClient } from '../client/create-client.ts';
import type { IndexNames } from '../record/index-names.ts';
import { readSetupMetadata } from '../metadata/read-setup-metadata.ts';
import { snapshotHolds } from './archive-snapshot.ts';
import { explainIsm } from './ism-install.ts';
import { ismPolicyId } from '../lifecycle-policy/ism-policy-id.ts';
import { gatherLifecycleFacts } from './lifecycle-facts.ts';
import { lifecycleDueDates, type LifecyclePolicy } from '../lifecycle-policy/lifecycle-policy.ts';

export interface RetentionCheck {
  readonly checked: number;
  readonly problems: ReadonlyArray<{ readonly index: string; readonly problem: string }>;
}

/**
 * `synclog retention verify`: every index under the log pattern is a managed period index; under
 * ISM, each is attached to synclog's policy (`_plugins/_ism/explain`) and not stuck, except that a
 * held one is managed by no ISM policy at all; otherwise none
 * is older than the policy allows unless held; every deletion has its proof; every proof's
 * archive is still there unless its own retention deleted it.
 */
export async function verifyRetention(
  client: OpenSearchClient,
  names: IndexNames,
  policy: LifecyclePolicy,
  now: Date,
): Promise<RetentionCheck> {
  const problems: Array<{ index: string; problem: string }> = [];
  const { body } = await client.cat.indices({
    index: names.logsPattern,
    format: 'json',
    h: 'index',
    expand_wildcards: 'all',
  } as never);
  for (const { index } of body as unknown as Array<{ index: string }>) {
    if (names.periodOfIndex(index) === null)
      problems.push({ index, problem: 'matches the log pattern but names no period: nothing manages it' });
  }
  const { indices, log } = await gatherLifecycleFacts(client, names, policy);
  // Where ISM runs retention, each index must be attached to synclog's policy and not stuck.
  if ((await readSetupMetadata(client, names.meta))?.executors.retention === 'ism') {
    for (const { facts } of indices) {
      const explained = await explainIsm(client, facts.index);
      // A held index is out of ISM's hands (`retention hold` took it out, or it was created so).
      if (facts.held) {
        if (explained.policyId !== null)
          problems.push({
            index: facts.index,
            problem: `on legal hold, yet the ISM policy ${explained.policyId} manages it: place the hold again to take it out`,
          });
      } else if (explained.policyId !== ismPolicyId(names.prefix))
        problems.push({
          index: facts.index,
          problem: `not attached to the ISM policy ${ismPolicyId(names.prefix)} (${explained.policyId ?? 'no policy'})`,
        });
      else if (explained.failed)
        problems.push({
          index: facts.index,
          problem: `ISM step failed in state ${explained.state}: ${explained.info ?? ''}`,
        });
    }
    return { checked: indices.length, problems };
  }
  for (const { facts } of indices) {
    const due = lifecycleDueDates(facts.period, policy);
    if (now >= due.deleteAt && !facts.held)
      problems.push({
        index: facts.index,
        problem: `kept past its delete date ${due.deleteAt.toISOString()} without a hold`,
      });
    else if (now >= due.coldAt && !facts.cold)
      problems.push({ index: facts.index, problem: `still hot after ${due.coldAt.toISOString()}` });
    if (facts.cold && facts.archive && !facts.archive.verified)
      problems.push({ index: facts.index, problem: `its archive ${facts.archive.snapshot} is missing` });
  }
  const existing = new Set(indices.map((m) => m.facts.index));
  const proven = new Set(log.filter((r) => r.step === 'deleted' && r.outcome === 'done').map((r) => r.index));
  const expired = new Set(
    log.filter((r) => r.step === 'snapshot-deleted' && r.outcome === 'done').map((r) => r.snapshot),
  );
  for (const intent of log.filter((r) => r.step === 'deleting' && !existing.has(r.index) && !proven.has(r.index))) {
    problems.push({
      index: intent.index,
      problem: 'deleted without a proof record (the next retention pass writes it)',
    });
  }
  for (const proof of log.filter(
    (r) => r.step === 'deleted' && r.outcome === 'done' && r.snapshot && !expired.has(r.snapshot),
  )) {
    if (!(await snapshotHolds(client, proof.repository ?? policy.archive_repository, proof.snapshot!, proof.index))) {
      problems.push({ index: proof.index, problem: `deleted, and its archive ${proof.snapshot} is gone` });
    }
  }
  return { checked: indices.length, problems };
}
