import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { afterAll, describe, expect, it } from 'vitest';
import { createOpenSearchClient } from '../../opensearch/client/create-client.ts';
import { parseEnv } from '../../opensearch/config/parse-env.ts';
import { createApp } from '../create-app.ts';
import { allows, apiTokens, authEnvSchema, tokensFromEnv } from './api-tokens.ts';

const dir = mkdtempSync(join(tmpdir(), 'synclog-tokens-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// Routes that need no cluster: the client is never called.
const client = createOpenSearchClient({ urls: ['http://127.0.0.1:9'] });
const ADMIN = 'admin-token-0123456789';
const METRICS = 'metrics-token-0123456789';
const ANALYST = 'analyst-token-0123456789';

function app(open = false) {
  const registry = new Registry();
  registry.setDefaultLabels({ service: 'test' });
  const tokens = apiTokens(
    [
      { role: 'admin', token: ADMIN },
      { role: 'metrics', token: METRICS },
      { role: 'analyst', token: ANALYST },
    ],
    open,
  );
  return createApp({ client, tokens, registry });
}
const get = (path: string, token?: string, open = false) =>
  app(open).request(path, token ? { headers: { Authorization: `Bearer ${token}` } } : {});

describe('API tokens', () => {
  it('refuses a protected route without a token (401, WWW-Authenticate) or with an unknown one', async () => {
    const response = await get('/metrics');
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect((await get('/metrics', 'not-a-known-token-at-all')).status).toBe(401);
  });

  it('lets the metrics and admin roles read /metrics, and forbids another role (403)', async () => {
    const response = await get('/metrics', METRICS);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect((await get('/metrics', ADMIN)).status).toBe(200);
    expect((await get('/metrics', ANALYST)).status).toBe(403);
    expect((await get('/schedule', METRICS)).status).toBe(403);
  });

  it('ranks viewer below analyst below admin, and keeps metrics to scraping', () => {
    expect(allows('viewer', 'viewer')).toBe(true);
    expect(allows('analyst', 'viewer')).toBe(true);
    expect(allows('viewer', 'analyst')).toBe(false);
    expect(allows('admin', 'analyst')).toBe(true);
    expect(allows('admin', 'metrics')).toBe(true);
    expect(allows('metrics', 'viewer')).toBe(false);
    expect(allows('analyst', 'metrics')).toBe(false);
  });

  it('serves protected routes without a token only when run open', async () => {
    expect((await get('/metrics', undefined, true)).status).toBe(200);
  });

  it('generates an admin token once, private to its owner, and reuses it', () => {
    const file = join(dir, 'home', 'api-token');
    const lines: string[] = [];
    const first = tokensFromEnv(parseEnv(authEnvSchema, {}), file, (line) => lines.push(line));
    const token = readFileSync(file, 'utf8').trim();
    expect(token.length).toBeGreaterThanOrEqual(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(first.roleOf(token)).toBe('admin');
    const second = tokensFromEnv(parseEnv(authEnvSchema, {}), file, () => {});
    expect(second.roleOf(token)).toBe('admin');
    expect(readFileSync(file, 'utf8').trim()).toBe(token);
    expect(lines.join('\n')).toContain(file);
  });

  it('reads role:token pairs and stops start-up naming SYNCLOG_API_TOKENS when they are malformed', () => {
    const tokens = tokensFromEnv(
      parseEnv(authEnvSchema, { SYNCLOG_API_TOKENS: `admin:${ADMIN}, metrics:${METRICS}` }),
      join(dir, 'unused'),
      () => {},
    );
    expect(tokens.roleOf(ADMIN)).toBe('admin');
    expect(tokens.roleOf(METRICS)).toBe('metrics');
    expect(() => parseEnv(authEnvSchema, { SYNCLOG_API_TOKENS: 'root:short' })).toThrow(/SYNCLOG_API_TOKENS/);
    expect(() => parseEnv(authEnvSchema, { SYNCLOG_API_OPEN: 'maybe' })).toThrow(/SYNCLOG_API_OPEN/);
  });
});
