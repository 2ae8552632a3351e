import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenSearchClient, type OpenSearchClient } from '../client/create-client.ts';
import { attachIsmPolicy, explainIsm, installIsmPolicy } from './ism-install.ts';
import { renderIsmPolicy } from './ism-policy.ts';
import { defaultLifecyclePolicy } from '../lifecycle-policy/lifecycle-policy.ts';

/**
 * The ISM plugin is not obtainable on these machines, so these tests check synclog's requests
 * against the plugin's documented API: a loopback HTTP endpoint that records each request and
 * answers as the ISM documentation shows (policy not found, seq_no/primary_term on the stored
 * policy, explain entries, add/change_policy results). It is not OpenSearch: what ISM then does
 * with the policy is not tested here.
 */
interface Seen {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly body: unknown;
}

const seen: Seen[] = [];
let stored: { seqNo: number; policy: Record<string, unknown> } | null = null;
const managed = new Map<string, { policyId: string; seqNo: number }>();
let server: Server;
let client: OpenSearchClient;

const read = (req: IncomingMessage) =>
  new Promise<unknown>((resolve) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => resolve(text ? JSON.parse(text) : undefined));
  });

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const url = new URL(req.url!, 'http://x');
    const body = await read(req);
    seen.push({ method: req.method!, path: url.pathname, query: url.search, body });
    const reply = (status: number, payload: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    };
    const [, , , kind, name] = url.pathname.split('/');
    if (kind === 'policies' && req.method === 'GET') {
      if (!stored)
        return reply(404, {
          error: {
            root_cause: [{ type: 'status_exception', reason: 'Policy not found' }],
            type: 'status_exception',
            reason: 'Policy not found',
          },
          status: 404,
        });
      return reply(200, {
        _id: name,
        _version: stored.seqNo + 1,
        _seq_no: stored.seqNo,
        _primary_term: 1,
        policy: stored.policy,
      });
    }
    if (kind === 'policies' && req.method === 'PUT') {
      const guarded = url.searchParams.has('if_seq_no');
      if (stored && (!guarded || Number(url.searchParams.get('if_seq_no')) !== stored.seqNo))
        return reply(409, {
          error: { type: 'version_conflict_engine_exception', reason: 'version conflict' },
          status: 409,
        });
      stored = { seqNo: stored ? stored.seqNo + 1 : 0, policy: (body as { policy: Record<string, unknown> }).policy };
      return reply(stored.seqNo === 0 ? 201 : 200, {
        _id: name,
        _version: stored.seqNo + 1,
        _primary_term: 1,
        _seq_no: stored.seqNo,
        policy: { policy: stored.policy },
      });
    }
    if (kind === 'explain') {
      const entry = managed.get(name!);
      return reply(
        200,
        entry
          ? {
              [name!]: {
                'index.plugins.index_state_management.policy_id': entry.policyId,
                index: name,
                policy_id: entry.policyId,
                policy_seq_no: entry.seqNo,
                policy_primary_term: 1,
                state: { name: 'hot' },
              },
              total_managed_indices: 1,
            }
          : { [name!]: { 'index.plugins.index_state_management.policy_id': null }, total_managed_indices: 0 },
      );
    }
    if ((kind === 'add' || kind === 'change_policy') && req.method === 'POST') {
      managed.set(name!, { policyId: (body as { policy_id: string }).policy_id, seqNo: stored!.seqNo });
      return reply(200, { updated_indices: 1, failures: false, failed_indices: [] });
    }
    reply(400, { error: { type: 'unexpected', reason: `${req.method} ${url.pathname}` }, status: 400 });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  client = createOpenSearchClient({ urls: [`http://127.0.0.1:${port}`] });
});
afterAll(async () => {
  await client.close();
  await new Promise((resolve) => server.close(resolve));
});

const render = (hotDays: number) =>
  renderIsmPolicy(defaultLifecyclePolicy({ archive_repository: 'synclog-archive', hot_days: hotDays }), {
    target: 'self-managed',
    unit: 'month',
    indexPattern: 'synclog-logs-*',
    coldNodes: false,
  });
const calls = () => seen.splice(0).map((s) => `${s.method} ${s.path}${s.query}`);

describe("installing the retention policy through ISM's documented API", () => {
  it('creates the policy with PUT after a 404, then attaches each existing index with add', async () => {
    const installed = await installIsmPolicy(client, 'synclog-retention', render(90));
    expect(installed).toEqual({
      change: { kind: 'ISM policy', name: 'synclog-retention', action: 'created' },
      seqNo: 0,
    });
    expect(calls()).toEqual([
      'GET /_plugins/_ism/policies/synclog-retention',
      'PUT /_plugins/_ism/policies/synclog-retention',
    ]);
    expect(stored?.policy).toMatchObject({
      default_state: 'hot',
      ism_template: { index_patterns: ['synclog-logs-*'] },
    });

    const attached = await attachIsmPolicy(client, 'synclog-retention', installed.seqNo, [
      'synclog-logs-2024.01',
      'synclog-logs-2024.02',
    ]);
    expect(attached.map((c) => c.action)).toEqual(['created', 'created']);
    expect(seen.filter((s) => s.method === 'POST').map((s) => [s.path, s.body])).toEqual([
      ['/_plugins/_ism/add/synclog-logs-2024.01', { policy_id: 'synclog-retention' }],
      ['/_plugins/_ism/add/synclog-logs-2024.02', { policy_id: 'synclog-retention' }],
    ]);
    calls();
  });

  it('leaves an unchanged policy and its attachments alone', async () => {
    const installed = await installIsmPolicy(client, 'synclog-retention', render(90));
    expect(installed.change.action).toBe('unchanged');
    expect(
      (await attachIsmPolicy(client, 'synclog-retention', installed.seqNo, ['synclog-logs-2024.01'])).map(
        (c) => c.action,
      ),
    ).toEqual(['unchanged']);
    expect(calls()).toEqual([
      'GET /_plugins/_ism/policies/synclog-retention',
      'GET /_plugins/_ism/explain/synclog-logs-2024.01',
    ]);
  });

  it('updates a changed policy under if_seq_no/if_primary_term and moves indices on the old version with change_policy', async () => {
    const installed = await installIsmPolicy(client, 'synclog-retention', render(60));
    expect(installed).toEqual({
      change: { kind: 'ISM policy', name: 'synclog-retention', action: 'updated' },
      seqNo: 1,
    });
    expect(calls()).toEqual([
      'GET /_plugins/_ism/policies/synclog-retention',
      'PUT /_plugins/_ism/policies/synclog-retention?if_seq_no=0&if_primary_term=1',
    ]);
    const attached = await attachIsmPolicy(client, 'synclog-retention', installed.seqNo, ['synclog-logs-2024.01']);
    expect(attached).toEqual([
      { kind: 'ISM attachment', name: 'synclog-logs-2024.01', action: 'updated', detail: 'newer policy version' },
    ]);
    expect(seen.at(-1)).toMatchObject({
      method: 'POST',
      path: '/_plugins/_ism/change_policy/synclog-logs-2024.01',
      body: { policy_id: 'synclog-retention' },
    });
    expect(await explainIsm(client, 'synclog-logs-2024.01')).toEqual({
      policyId: 'synclog-retention',
      policySeqNo: 1,
      state: 'hot',
      failed: false,
      info: null,
    });
  });
});
