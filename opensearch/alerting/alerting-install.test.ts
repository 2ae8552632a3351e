import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenSearchClient } from '../client/create-client.ts';
import { indexNames } from '../record/index-names.ts';
import { alertRulesSchema, DEFAULT_ALERT_RULES } from './alert-rules.ts';
import { installAlerting } from './alerting-install.ts';

/**
 * The Alerting and Notifications plugins' REST endpoints as their documentation describes them, kept
 * in memory: what `installAlerting` sends is recorded, so the test sees which writes it makes.
 * (The plugins themselves are not obtainable on these machines.)
 */
function pluginApi() {
  const channels = new Map<string, unknown>();
  const monitors = new Map<string, Record<string, unknown>>();
  const writes: string[] = [];
  let nextId = 1;
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>) : {};
    const path = (req.url ?? '').split('?')[0]!;
    const send = (status: number, payload: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
    const channel = /^\/_plugins\/_notifications\/configs\/([^/]+)$/.exec(path);
    const monitor = /^\/_plugins\/_alerting\/monitors\/([^/_][^/]*)$/.exec(path);
    if (req.method !== 'GET' && !path.endsWith('/_search')) writes.push(`${req.method} ${path}`);
    if (channel && req.method === 'GET') {
      const config = channels.get(decodeURIComponent(channel[1]!));
      return config
        ? send(200, { config_list: [{ config_id: channel[1], config }] })
        : send(404, { error: { type: 'status_exception' }, status: 404 });
    }
    if (path === '/_plugins/_notifications/configs' && req.method === 'POST') {
      channels.set(String(body.config_id), body.config);
      return send(200, { config_id: body.config_id });
    }
    if (channel && req.method === 'PUT') {
      channels.set(decodeURIComponent(channel[1]!), body.config);
      return send(200, { config_id: channel[1] });
    }
    if (path === '/_plugins/_alerting/monitors/_search') {
      const prefix = String((body.query as { prefix: Record<string, string> }).prefix['monitor.name.keyword']);
      const hits = [...monitors]
        .filter(([, m]) => String(m.name).startsWith(prefix))
        .map(([id, m]) => ({ _id: id, _source: m }));
      return send(200, { hits: { total: { value: hits.length }, hits } });
    }
    if (path === '/_plugins/_alerting/monitors' && req.method === 'POST') {
      const id = `m${nextId++}`;
      monitors.set(id, { ...body, last_update_time: Date.now(), schema_version: 5 });
      return send(201, { _id: id, _version: 1 });
    }
    if (monitor && req.method === 'PUT') {
      monitors.set(monitor[1]!, { ...body, last_update_time: Date.now(), schema_version: 5 });
      return send(200, { _id: monitor[1] });
    }
    if (monitor && req.method === 'DELETE') {
      monitors.delete(monitor[1]!);
      return send(200, { _id: monitor[1], result: 'deleted' });
    }
    return send(400, { error: `unexpected ${req.method} ${path}` });
  };
  const server = createServer((req, res) => void handle(req, res));
  return { server, channels, monitors, writes };
}

describe('installing the rules where the Alerting and Notifications plugins run them', () => {
  const api = pluginApi();
  let url: string;
  beforeAll(async () => {
    api.server.listen(0, '127.0.0.1');
    await once(api.server, 'listening');
    url = `http://127.0.0.1:${(api.server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => api.server.close(() => resolve())));
  const names = indexNames('synclog');
  const webhooks = ['https://hooks.example.com/a', 'https://synclog.example.com/alerts/webhook'];

  it('creates a channel per webhook and a monitor per rule, then leaves them alone, then updates and deletes what changed', async () => {
    const client = createOpenSearchClient({ urls: [url] });
    const first = await installAlerting(client, names, {
      rules: DEFAULT_ALERT_RULES,
      webhooks,
      receiverSecret: 'receiver-secret-0123456789',
    });
    expect(first.map((c) => `${c.action} ${c.kind}`)).toEqual([
      ...Array(2).fill('created notification channel'),
      ...Array(6).fill('created alerting monitor'),
    ]);
    expect([...api.monitors.values()].map((m) => m.name)).toEqual(DEFAULT_ALERT_RULES.map((r) => `synclog ${r.name}`));

    api.writes.length = 0;
    const again = await installAlerting(client, names, {
      rules: DEFAULT_ALERT_RULES,
      webhooks,
      receiverSecret: 'receiver-secret-0123456789',
    });
    expect(again.every((c) => c.action === 'unchanged')).toBe(true);
    expect(api.writes).toEqual([]);

    const changed = alertRulesSchema.parse([
      { ...DEFAULT_ALERT_RULES[0]!, threshold: 0.02 },
      ...DEFAULT_ALERT_RULES.slice(1, 4),
      ...DEFAULT_ALERT_RULES.slice(5),
    ]);
    const third = await installAlerting(client, names, {
      rules: changed,
      webhooks,
      receiverSecret: 'receiver-secret-0123456789',
    });
    expect(
      third
        .filter((c) => c.action !== 'unchanged')
        .map((c) => `${c.action} ${c.name}${c.detail ? ` (${c.detail})` : ''}`),
    ).toEqual(['updated synclog error-rate', 'updated synclog missing-data (deleted: no such rule any more)']);
    expect(api.monitors.size).toBe(5);
    await client.close();
  });
});
