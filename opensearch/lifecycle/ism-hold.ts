import type { OpenSearchClient } from '../client/create-client.ts';
import { ISM_AUTO_MANAGE_SETTING } from '../lifecycle-policy/ism-policy-id.ts';
import { errorStatus } from '../shared/response-errors.ts';

/**
 * Taking a held index out of ISM's hands and giving it back, with the plugin's REST API:
 * `POST _plugins/_ism/remove/<index>` (no body: the handler reads none and OpenSearch refuses a
 * body nobody reads) and `POST _plugins/_ism/add/<index>` with `{ "policy_id": … }`. Both answer
 * 200 with `{ updated_indices, failures, failed_indices: [{ index_name, index_uuid, reason }] }`
 * for per-index refusals, and an error status (403 without the `cluster:admin/opendistro/ism/
 * managedindex/*` permission, 404 for an unknown policy) for the request as a whole.
 */

/** `ok: true` when the index is where it should be; `changed` when this call moved it. */
export type IsmHandover =
  { readonly ok: true; readonly changed: boolean } | { readonly ok: false; readonly reason: string };

/** ISM's per-index reasons that mean "already where you want it" (TransportRemovePolicyAction, TransportAddPolicyAction). */
const NOT_MANAGED = 'This index does not have a policy to remove';
const ALREADY_MANAGED = 'This index already has a policy';

interface IsmStatusResponse {
  readonly updated_indices?: number;
  readonly failed_indices?: ReadonlyArray<{ readonly index_name: string; readonly reason: string }>;
}

const path = (action: 'remove' | 'add', index: string) => `/_plugins/_ism/${action}/${encodeURIComponent(index)}`;

function failureOf(error: unknown): string {
  const { status, type, reason } = errorStatus(error);
  return status === undefined ? reason : `${status} ${type ?? 'error'}: ${reason}`;
}

async function post(
  client: OpenSearchClient,
  requestPath: string,
  body?: unknown,
): Promise<{ ok: true; status: IsmStatusResponse } | { ok: false; reason: string }> {
  try {
    const response = await client.transport.request({
      method: 'POST',
      path: requestPath,
      ...(body === undefined ? {} : { body }),
    } as never);
    return { ok: true, status: (response.body ?? {}) as IsmStatusResponse };
  } catch (error) {
    return { ok: false, reason: failureOf(error) };
  }
}

/**
 * Takes one index out of ISM: first `auto_manage: false`, so no `ism_template` attaches it again
 * (ISM's remove sets it only on indices it manages at that moment), then ISM's remove.
 * `changed`: a policy was removed.
 */
export async function takeOutOfIsm(client: OpenSearchClient, index: string): Promise<IsmHandover> {
  try {
    await client.indices.putSettings({ index, body: { [ISM_AUTO_MANAGE_SETTING]: false } } as never);
  } catch (error) {
    return { ok: false, reason: `could not set ${ISM_AUTO_MANAGE_SETTING} on ${index}: ${failureOf(error)}` };
  }
  const answer = await post(client, path('remove', index));
  if (!answer.ok) return { ok: false, reason: `ISM did not remove ${index} from its policy: ${answer.reason}` };
  if (answer.status.updated_indices === 1) return { ok: true, changed: true };
  const failed = answer.status.failed_indices?.find((f) => f.index_name === index);
  if (failed?.reason === NOT_MANAGED) return { ok: true, changed: false };
  return {
    ok: false,
    reason: `ISM did not remove ${index} from its policy: ${failed?.reason ?? `it answered ${JSON.stringify(answer.status)}`}`,
  };
}

/** Gives one index back to ISM under `policyId`. `changed`: it was attached now (not already managed). */
export async function giveBackToIsm(client: OpenSearchClient, index: string, policyId: string): Promise<IsmHandover> {
  const answer = await post(client, path('add', index), { policy_id: policyId });
  if (!answer.ok) return { ok: false, reason: `ISM did not attach ${index} to ${policyId}: ${answer.reason}` };
  if (answer.status.updated_indices === 1) return { ok: true, changed: true };
  const failed = answer.status.failed_indices?.find((f) => f.index_name === index);
  if (failed?.reason.startsWith(ALREADY_MANAGED)) return { ok: true, changed: false };
  return {
    ok: false,
    reason: `ISM did not attach ${index} to ${policyId}: ${failed?.reason ?? `it answered ${JSON.stringify(answer.status)}`}`,
  };
}
