import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndexNames } from '../../opensearch/record/index-names.ts';
import { setUpPrefixes, testClient } from '../../test/opensearch.ts';
import { startServer } from '../start-server.ts';
import { authApp, authEntries, counterValue, sessionCookieOf, signIn, TOKENS } from './fixtures/auth-app.ts';

const client = testClient();
const prefixes = setUpPrefixes(client, 'auth-limits');
let names: IndexNames;
beforeAll(async () => {
  names = await prefixes.fresh();
});
afterAll(() => prefixes.dropAll());

const LIMIT = { maxFailures: 3, windowMs: 120_000, trustProxy: true };
const from = (address: string, token?: string) => ({
  headers: { 'x-forwarded-for': address, ...(token ? { authorization: `Bearer ${token}` } : {}) },
});

describe('failed bearer tokens', () => {
  it('answer 401 up to the limit, then 429 with Retry-After for any token from that client until the window ends', async () => {
    const { app, advance, registry } = authApp(client, names, { settings: LIMIT });
    for (let i = 0; i < 3; i += 1) {
      expect((await app.request('/metrics', from('203.0.113.1', `wrong-token-${i}-0123456789`))).status).toBe(401);
      advance(10_000);
    }
    for (const token of ['wrong-token-9-0123456789', TOKENS.metrics, TOKENS.metrics]) {
      const refused = await app.request('/metrics', from('203.0.113.1', token));
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBe('90');
    }
    // Another client, and a request with no credential at all, are not held back.
    expect((await app.request('/metrics', from('203.0.113.2', TOKENS.metrics))).status).toBe(200);
    expect((await app.request('/metrics', from('203.0.113.1'))).status).toBe(401);
    advance(90_000);
    expect((await app.request('/metrics', from('203.0.113.1', TOKENS.metrics))).status).toBe(200);

    expect(await counterValue(registry, 'synclog_auth_failures_total', { kind: 'bearer' })).toBe(3);
    expect(await counterValue(registry, 'synclog_auth_rate_limited_total', { kind: 'bearer' })).toBe(3);
    const failed = await authEntries(client, names, 'auth.bearer_failed');
    expect(failed.filter((e) => e.filters.client === '203.0.113.1').map((e) => [e.who, e.route])).toEqual([
      ['anonymous', '/metrics'],
      ['anonymous', '/metrics'],
      ['anonymous', '/metrics'],
    ]);
    // Refusals are audited the 1st, 2nd, 4th… time in a window: 2 of these 3.
    const limited = await authEntries(client, names, 'auth.rate_limited');
    // Written at one instant of the test's clock: ordered by count, not by time.
    const refusals = limited.filter((e) => e.filters.client === '203.0.113.1').map((e) => e.filters);
    expect(refusals.map((f) => [f.kind, f.refusals]).sort((a, b) => Number(a[1]) - Number(b[1]))).toEqual([
      ['bearer', 1],
      ['bearer', 2],
    ]);
    expect(JSON.stringify([...failed, ...limited])).not.toContain('wrong-token');
  });

  it('count every client as one when no proxy is trusted, whatever X-Forwarded-For says', async () => {
    const { app } = authApp(client, names, { settings: { ...LIMIT, trustProxy: false } });
    for (const address of ['192.0.2.1', '192.0.2.2', '192.0.2.3'])
      expect((await app.request('/metrics', from(address, 'wrong-token-0123456789'))).status).toBe(401);
    expect((await app.request('/metrics', from('192.0.2.4', TOKENS.metrics))).status).toBe(429);
  });

  it('are counted per peer address on a real server', async () => {
    const { app } = authApp(client, names, { settings: { ...LIMIT, trustProxy: false } });
    const server = await startServer(app, 0, '127.0.0.1');
    try {
      const bad = { headers: { authorization: 'Bearer wrong-token-over-the-wire-0123' } };
      expect((await fetch(`${server.url}/metrics`, bad)).status).toBe(401);
      const [entry] = (await authEntries(client, names, 'auth.bearer_failed')).filter(
        (e) => e.filters.client === '127.0.0.1',
      );
      expect(entry).toMatchObject({ method: 'GET', route: '/metrics' });
    } finally {
      await server.close();
    }
  });
});

describe('failed sign-ins', () => {
  it('show the form again up to the limit, then 429 with Retry-After even for a known token, until the window ends', async () => {
    const { app, advance, registry } = authApp(client, names, { settings: LIMIT });
    for (let i = 0; i < 3; i += 1)
      expect((await signIn(app, { token: `guess-${i}` }, from('203.0.113.50'))).status).toBe(400);
    const refused = await signIn(app, { token: TOKENS.viewer }, from('203.0.113.50'));
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('120');
    expect(refused.headers.get('set-cookie')).toBeNull();
    expect(await refused.text()).toContain('Too many failed sign-ins from your address: try again in 2 minutes.');
    advance(120_000);
    const allowed = await signIn(app, { token: TOKENS.viewer }, from('203.0.113.50'));
    expect(allowed.status).toBe(303);
    expect(sessionCookieOf(allowed)).toBeTruthy();

    expect(await counterValue(registry, 'synclog_auth_failures_total', { kind: 'sign_in' })).toBe(3);
    expect(await counterValue(registry, 'synclog_auth_rate_limited_total', { kind: 'sign_in' })).toBe(1);
    expect(await counterValue(registry, 'synclog_auth_sessions_total', { event: 'started' })).toBe(1);
    const mine = (event: string) =>
      authEntries(client, names, event).then((all) => all.filter((e) => e.filters.client === '203.0.113.50'));
    expect(await mine('auth.sign_in_failed')).toHaveLength(3);
    expect((await mine('auth.rate_limited')).map((e) => e.filters)).toEqual([
      { client: '203.0.113.50', kind: 'sign_in', refusals: 1, retry_after_seconds: 120 },
    ]);
    expect(await mine('auth.sign_in')).toHaveLength(1);
  });

  it('share the limit with failed bearer tokens from the same client', async () => {
    const { app } = authApp(client, names, { settings: LIMIT });
    await signIn(app, { token: 'guess-a' }, from('203.0.113.60'));
    await app.request('/metrics', from('203.0.113.60', 'wrong-token-0123456789'));
    await signIn(app, { token: 'guess-b' }, from('203.0.113.60'));
    expect((await app.request('/metrics', from('203.0.113.60', TOKENS.metrics))).status).toBe(429);
    expect((await signIn(app, { token: TOKENS.viewer }, from('203.0.113.60'))).status).toBe(429);
  });
});

describe('the metrics of authentication', () => {
  it('are served on /metrics with both kinds from the start', async () => {
    const { app } = authApp(client, names);
    const text = await (await app.request('/metrics', from('203.0.113.70', TOKENS.metrics))).text();
    for (const kind of ['sign_in', 'bearer']) {
      expect(text).toContain(`synclog_auth_failures_total{kind="${kind}"} 0`);
      expect(text).toContain(`synclog_auth_rate_limited_total{kind="${kind}"} 0`);
    }
    expect(text).toContain('synclog_auth_tracked_clients 0');
  });
});
