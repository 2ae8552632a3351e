import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOpenSearchClient, type OpenSearchClient } from '../client/create-client.ts';
import { startIsmStandIn, type IsmStandIn } from './fixtures/ism-stand-in.ts';
import { giveBackToIsm, takeOutOfIsm } from './ism-hold.ts';

/**
 * These check the requests synclog sends to ISM's REST API and how it reads the answers, against
 * a loopback stand-in that accepts and answers as the plugin's handlers do. Not ISM's behaviour.
 */
let ism: IsmStandIn;
let client: OpenSearchClient;
const POLICY = 'synclog-retention';
const INDEX = 'synclog-logs-2024.02';

beforeAll(async () => {
  ism = await startIsmStandIn();
  client = createOpenSearchClient({ urls: [ism.url], requestTimeoutMs: 5_000 });
});
afterAll(async () => {
  await client.close();
  await ism.close();
});
beforeEach(() => {
  ism.seen.length = 0;
  for (const set of [ism.managed, ism.autoManageOff, ism.policies, ism.closed, ism.forbidden, ism.settingsForbidden])
    set.clear();
  ism.policies.add(POLICY);
});

describe("taking a held index out of ISM's hands (requests checked against the plugin's handlers)", () => {
  it('sets auto_manage to false first, then calls remove without a body, and reports the policy removed', async () => {
    ism.managed.set(INDEX, POLICY);
    expect(await takeOutOfIsm(client, INDEX)).toEqual({ ok: true, changed: true });
    expect(ism.ismRequests()).toEqual([
      `PUT /${INDEX}/_settings {"index.plugins.index_state_management.auto_manage":false}`,
      `POST /_plugins/_ism/remove/${INDEX}`,
    ]);
    expect(ism.managed.has(INDEX)).toBe(false);
    expect(ism.autoManageOff.has(INDEX)).toBe(true);
  });

  it('counts an index no policy manages as out of ISM, with auto_manage false so no ism_template attaches it later', async () => {
    expect(await takeOutOfIsm(client, INDEX)).toEqual({ ok: true, changed: false });
    expect(ism.autoManageOff.has(INDEX)).toBe(true);
  });

  it('refuses with the permission the caller lacks when ISM answers 403, leaving the policy on', async () => {
    ism.managed.set(INDEX, POLICY);
    ism.forbidden.add(INDEX);
    expect(await takeOutOfIsm(client, INDEX)).toEqual({
      ok: false,
      reason: `ISM did not remove ${INDEX} from its policy: 403 security_exception: no permissions for [cluster:admin/opendistro/ism/managedindex/remove] and User [name=synclog, backend_roles=[], requestedTenant=null]`,
    });
    expect(ism.managed.get(INDEX)).toBe(POLICY);
  });

  it('asks ISM nothing when auto_manage cannot be set, and says so', async () => {
    ism.managed.set(INDEX, POLICY);
    ism.settingsForbidden.add(INDEX);
    const result = await takeOutOfIsm(client, INDEX);
    expect(!result.ok && result.reason).toBe(
      `could not set index.plugins.index_state_management.auto_manage on ${INDEX}: 403 security_exception: no permissions for [indices:admin/settings/update]`,
    );
    expect(ism.seen.filter((seen) => seen.path.startsWith('/_plugins'))).toEqual([]);
    expect(ism.managed.get(INDEX)).toBe(POLICY);
  });

  it('refuses with the reason ISM gives for the index, such as a closed index', async () => {
    ism.managed.set(INDEX, POLICY);
    ism.closed.add(INDEX);
    expect(await takeOutOfIsm(client, INDEX)).toEqual({
      ok: false,
      reason: `ISM did not remove ${INDEX} from its policy: This index is closed`,
    });
  });

  it('refuses with the reason when ISM cannot be reached', async () => {
    const nowhere = createOpenSearchClient({ urls: ['http://127.0.0.1:9'], requestTimeoutMs: 2_000 });
    try {
      const result = await takeOutOfIsm(nowhere, INDEX);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.reason).toMatch(/ECONNREFUSED|connect/i);
    } finally {
      await nowhere.close();
    }
  });
});

describe('giving a released index back to ISM (requests checked against the plugin’s handlers)', () => {
  it('calls add with the policy id in the body and reports the index attached', async () => {
    expect(await giveBackToIsm(client, INDEX, POLICY)).toEqual({ ok: true, changed: true });
    expect(ism.ismRequests()).toEqual([`POST /_plugins/_ism/add/${INDEX} {"policy_id":"${POLICY}"}`]);
    expect(ism.managed.get(INDEX)).toBe(POLICY);
  });

  it('counts an index some policy already manages as given back', async () => {
    ism.managed.set(INDEX, POLICY);
    expect(await giveBackToIsm(client, INDEX, POLICY)).toEqual({ ok: true, changed: false });
  });

  it('reports an unknown policy (404) and a missing permission (403) with the answer', async () => {
    expect(await giveBackToIsm(client, INDEX, 'gone')).toEqual({
      ok: false,
      reason: `ISM did not attach ${INDEX} to gone: 404 status_exception: Could not find policy=gone`,
    });
    ism.forbidden.add(INDEX);
    const forbidden = await giveBackToIsm(client, INDEX, POLICY);
    expect(!forbidden.ok && forbidden.reason).toBe(
      `ISM did not attach ${INDEX} to ${POLICY}: 403 security_exception: no permissions for [cluster:admin/opendistro/ism/managedindex/add] and User [name=synclog, backend_roles=[], requestedTenant=null]`,
    );
    expect(ism.managed.has(INDEX)).toBe(false);
  });
});

describe('the stand-in holds synclog to what the plugin accepts', () => {
  it('refuses a body on remove and an add without policy_id, as OpenSearch and RestAddPolicyAction do', async () => {
    const send = (path: string, body?: unknown) =>
      client.transport.request({ method: 'POST', path, ...(body === undefined ? {} : { body }) } as never).then(
        () => 'ok',
        (e: { meta?: { statusCode?: number } }) => e.meta?.statusCode,
      );
    expect(await send(`/_plugins/_ism/remove/${INDEX}`, { policy_id: POLICY })).toBe(400);
    expect(await send(`/_plugins/_ism/add/${INDEX}`, {})).toBe(400);
    expect(await send(`/_plugins/_ism/add/${INDEX}`)).toBe(400);
  });
});
