import type { OpenSearchClient } from '../client/create-client.ts';
import { contentHash } from '../shared/content-hash.ts';
import { errorStatus } from '../shared/response-errors.ts';
import { change, type SetupChange } from '../shared/setup-change.ts';

/**
 * Installing the rendered policy where the cluster has ISM, with the plugin's documented requests:
 * `GET/PUT _plugins/_ism/policies/<id>` (an update guarded by `if_seq_no`/`if_primary_term`),
 * `GET _plugins/_ism/explain/<index>`, `POST _plugins/_ism/add/<index>` and
 * `POST _plugins/_ism/change_policy/<index>`. `ism_template` only attaches to indices created after
 * the policy was last updated, so every managed index that exists is attached explicitly.
 */

interface StoredPolicy {
  readonly _seq_no: number;
  readonly _primary_term: number;
  readonly policy: { readonly description?: string };
}

/** What `_plugins/_ism/explain/<index>` says of one index. */
export interface IsmExplanation {
  readonly policyId: string | null;
  /** The policy version the index runs (its seq_no), when ISM has initialised it. */
  readonly policySeqNo: number | null;
  readonly state: string | null;
  readonly failed: boolean;
  readonly info: string | null;
}

const request = (
  client: OpenSearchClient,
  method: string,
  path: string,
  body?: unknown,
  querystring?: Record<string, unknown>,
) =>
  client.transport.request({
    method,
    path,
    ...(body === undefined ? {} : { body }),
    ...(querystring ? { querystring } : {}),
  } as never);

/** The policy's content hash rides in its description, so an unchanged policy is left alone. */
const HASH_MARK = ' [synclog ';

/** Creates the policy, or updates it when its content changed; returns the change and the stored policy's seq_no. */
export async function installIsmPolicy(
  client: OpenSearchClient,
  policyId: string,
  body: { policy: Record<string, unknown> },
): Promise<{ change: SetupChange; seqNo: number }> {
  const hash = contentHash(body.policy);
  const described = {
    policy: { ...body.policy, description: `${String(body.policy.description ?? '')}${HASH_MARK}${hash}]` },
  };
  const path = `/_plugins/_ism/policies/${encodeURIComponent(policyId)}`;
  let stored: StoredPolicy | null = null;
  try {
    stored = (await request(client, 'GET', path)).body as unknown as StoredPolicy;
  } catch (error) {
    if (errorStatus(error).status !== 404) throw error;
  }
  if (stored?.policy.description?.endsWith(`${HASH_MARK}${hash}]`))
    return { change: change('ISM policy', policyId, 'unchanged'), seqNo: stored._seq_no };
  const guard = stored ? { if_seq_no: stored._seq_no, if_primary_term: stored._primary_term } : undefined;
  const written = (await request(client, 'PUT', path, described, guard)).body as unknown as { _seq_no: number };
  return { change: change('ISM policy', policyId, stored ? 'updated' : 'created'), seqNo: written._seq_no };
}

export async function explainIsm(client: OpenSearchClient, index: string): Promise<IsmExplanation> {
  const { body } = await request(client, 'GET', `/_plugins/_ism/explain/${encodeURIComponent(index)}`);
  const entry = (body as unknown as Record<string, Record<string, unknown> | undefined>)[index] ?? {};
  const policyId = (entry['index.plugins.index_state_management.policy_id'] ?? entry.policy_id ?? null) as
    string | null;
  const state = (entry.state as { name?: string } | undefined)?.name ?? null;
  const info = (entry.info as { message?: string } | undefined)?.message ?? null;
  return {
    policyId,
    policySeqNo: typeof entry.policy_seq_no === 'number' ? entry.policy_seq_no : null,
    state,
    failed: (entry.retry_info as { failed?: boolean } | undefined)?.failed === true,
    info,
  };
}

/**
 * Attaches the policy to each index: `add` where no policy manages it, `change_policy` where another
 * policy, or an older version of this one, does. Indices already on the current version are left.
 */
export async function attachIsmPolicy(
  client: OpenSearchClient,
  policyId: string,
  policySeqNo: number,
  indices: readonly string[],
): Promise<SetupChange[]> {
  const changes: SetupChange[] = [];
  for (const index of indices) {
    const explained = await explainIsm(client, index);
    if (explained.policyId === null) {
      await request(client, 'POST', `/_plugins/_ism/add/${encodeURIComponent(index)}`, { policy_id: policyId });
      changes.push(change('ISM attachment', index, 'created'));
    } else if (
      explained.policyId !== policyId ||
      (explained.policySeqNo !== null && explained.policySeqNo !== policySeqNo)
    ) {
      await request(client, 'POST', `/_plugins/_ism/change_policy/${encodeURIComponent(index)}`, {
        policy_id: policyId,
      });
      changes.push(
        change(
          'ISM attachment',
          index,
          'updated',
          explained.policyId === policyId ? 'newer policy version' : `was ${explained.policyId}`,
        ),
      );
    } else changes.push(change('ISM attachment', index, 'unchanged'));
  }
  return changes;
}
