import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndexNames } from '../../opensearch/record/index-names.ts';
import { setUpPrefixes, testClient } from '../../test/opensearch.ts';
import { tokenFingerprint } from '../auth/api-tokens.ts';
import { authApp, authEntries, sessionCookieOf, signIn, TOKENS } from '../auth/fixtures/auth-app.ts';
import { csrfTokenOf, SESSION_COOKIE, sessionKeyOf } from '../auth/session-cookie.ts';

const client = testClient();
const prefixes = setUpPrefixes(client, 'sessions');
let names: IndexNames;
beforeAll(async () => {
  names = await prefixes.fresh();
});
afterAll(() => prefixes.dropAll());

const idOf = (cookie: string) => cookie.slice(SESSION_COOKIE.length + 1);
const openPage = (app: ReturnType<typeof authApp>['app'], cookie: string) =>
  app.request('/console/alerts', { headers: { cookie } });
const api = (app: ReturnType<typeof authApp>['app'], cookie: string) =>
  app.request('/logs?size=1', { headers: { cookie } });
const signOut = (app: ReturnType<typeof authApp>['app'], cookie: string, csrf: string) =>
  app.request('/console/logout', { method: 'POST', headers: { cookie }, body: new URLSearchParams({ _csrf: csrf }) });

describe('signing in to the console', () => {
  it('sets a cookie holding a random session id, not the token, that opens the console and GET routes', async () => {
    const { app } = authApp(client, names);
    const res = await signIn(app, { token: ` ${TOKENS.viewer} `, next: '/console/alerts' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/console/alerts');
    const cookie = sessionCookieOf(res);
    expect(cookie).not.toContain(TOKENS.viewer);
    expect(Buffer.from(idOf(cookie), 'base64url')).toHaveLength(32);
    expect((await openPage(app, cookie)).status).toBe(200);
    expect((await api(app, cookie)).status).toBe(200);
    // What is stored names the token by its fingerprint only, under a hash of the session id.
    const { body } = await client.get({ index: names.sessions, id: sessionKeyOf(idOf(cookie)) });
    const stored = JSON.stringify(body._source);
    expect(stored).not.toContain(TOKENS.viewer);
    expect(stored).not.toContain(idOf(cookie));
    expect(body._source).toMatchObject({ role: 'viewer', token_fingerprint: tokenFingerprint(TOKENS.viewer) });
  });

  it('gives two sign-ins with one token two different sessions', async () => {
    const { app } = authApp(client, names);
    const a = sessionCookieOf(await signIn(app, { token: TOKENS.viewer }));
    const b = sessionCookieOf(await signIn(app, { token: TOKENS.viewer }));
    expect(a).not.toBe(b);
  });

  it('marks the cookie httpOnly, SameSite=Strict, Path=/, with the absolute limit as Max-Age; Secure only over TLS', async () => {
    const { app } = authApp(client, names, { settings: { sessionMaxMs: 8 * 3_600_000 } });
    const plain = (await signIn(app, { token: TOKENS.viewer })).headers.get('set-cookie')!.split('; ');
    expect(plain).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/', 'Max-Age=28800']));
    expect(plain).not.toContain('Secure');
    const tls = await signIn(app, { token: TOKENS.viewer }, { url: 'https://console.test/console/login' });
    expect(tls.headers.get('set-cookie')!.split('; ')).toContain('Secure');
  });

  it('believes X-Forwarded-Proto: https for the Secure attribute only from a trusted proxy', async () => {
    const headers = { 'x-forwarded-proto': 'https', 'x-forwarded-for': '198.51.100.4' };
    const untrusted = authApp(client, names).app;
    expect((await signIn(untrusted, { token: TOKENS.viewer }, { headers })).headers.get('set-cookie')).not.toMatch(
      /Secure/,
    );
    const trusted = authApp(client, names, { settings: { trustProxy: true } }).app;
    expect((await signIn(trusted, { token: TOKENS.viewer }, { headers })).headers.get('set-cookie')).toMatch(/Secure/);
  });

  it('sends a next page outside the console, or to another host, to the log list instead', async () => {
    const { app } = authApp(client, names);
    for (const next of ['//evil.test/console', 'https://evil.test/', '/logs', '/consoled']) {
      const res = await signIn(app, { token: TOKENS.viewer, next });
      expect(res.headers.get('location')).toBe('/console/logs');
    }
  });

  it('refuses a sign-in the access log cannot take with 503, leaving no cookie and no session behind', async () => {
    const refusing = {
      write: () => Promise.reject(new Error('the access log is unavailable')),
      flush: async () => {},
      close: async () => {},
    };
    const { app } = authApp(client, names, { accessLog: refusing });
    const count = async () => {
      await client.indices.refresh({ index: names.sessions });
      return (await client.count({ index: names.sessions })).body.count;
    };
    const before = await count();
    const res = await signIn(app, { token: TOKENS.viewer });
    expect(res.status).toBe(503);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await count()).toBe(before);
    // The same sign-in with the access log taking it opens a session: the count can move.
    expect((await signIn(authApp(client, names).app, { token: TOKENS.viewer })).status).toBe(303);
    expect(await count()).toBe(before + 1);
  });

  it('refuses an unknown or empty token with the form again and no cookie, and audits the failure', async () => {
    const { app } = authApp(client, names, { settings: { trustProxy: true } });
    const headers = { 'x-forwarded-for': '198.51.100.99' };
    for (const token of ['not-a-token', '   ']) {
      const res = await signIn(app, { token }, { headers });
      expect(res.status).toBe(400);
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(await res.text()).toContain('That token is not known.');
    }
    const failed = (await authEntries(client, names, 'auth.sign_in_failed')).filter(
      (e) => e.filters.client === '198.51.100.99',
    );
    expect(failed).toHaveLength(2);
    expect(failed[0]).toMatchObject({ who: 'anonymous', method: 'POST', route: '/console/login' });
    expect(JSON.stringify(failed)).not.toContain('not-a-token');
  });
});

describe('ending a session', () => {
  it('signs out only with the CSRF token of the session, and the old cookie then opens nothing on any instance', async () => {
    const one = authApp(client, names).app;
    const two = authApp(client, names).app;
    const cookie = sessionCookieOf(await signIn(one, { token: TOKENS.admin }));
    expect((await openPage(two, cookie)).status).toBe(200);
    expect((await signOut(one, cookie, '')).status).toBe(403);
    // The CSRF token of the token itself (how it was derived when the cookie held the token) is no good.
    expect((await signOut(one, cookie, csrfTokenOf(TOKENS.admin))).status).toBe(403);
    const res = await signOut(one, cookie, csrfTokenOf(idOf(cookie)));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/console/login');
    expect(res.headers.get('set-cookie')).toMatch(new RegExp(`^${SESSION_COOKIE}=;.*Max-Age=0`));
    for (const app of [one, two]) {
      const page = await openPage(app, cookie);
      expect(page.status).toBe(303);
      expect(page.headers.get('location')).toBe('/console/login?next=%2Fconsole%2Falerts');
      expect((await api(app, cookie)).status).toBe(401);
    }
    const [signedOut] = (await authEntries(client, names, 'auth.sign_out')).filter(
      (e) => e.who === `admin#${tokenFingerprint(TOKENS.admin).slice(0, 12)}`,
    );
    expect(signedOut).toMatchObject({ role: 'admin', route: '/console/logout' });
  });

  it('audits a sign-in under the caller id the access log uses for the token', async () => {
    const { app } = authApp(client, names, { settings: { trustProxy: true } });
    await signIn(app, { token: TOKENS.viewer }, { headers: { 'x-forwarded-for': '198.51.100.21' } });
    const [entry] = (await authEntries(client, names, 'auth.sign_in')).filter(
      (e) => e.filters.client === '198.51.100.21',
    );
    expect(entry).toMatchObject({ who: `viewer#${tokenFingerprint(TOKENS.viewer).slice(0, 12)}`, role: 'viewer' });
  });

  it('refuses the session of a token removed from the configuration, or given another role, on every instance', async () => {
    const before = authApp(client, names).app;
    const cookie = sessionCookieOf(await signIn(before, { token: TOKENS.viewer }));
    const removed = authApp(client, names, { tokens: { admin: TOKENS.admin } }).app;
    expect((await openPage(removed, cookie)).status).toBe(303);
    expect((await api(removed, cookie)).status).toBe(401);
    // The refused session is deleted: giving the token back does not bring it back.
    expect((await openPage(before, cookie)).status).toBe(303);

    const other = sessionCookieOf(await signIn(before, { token: TOKENS.viewer }));
    const promoted = authApp(client, names, { tokens: { admin: TOKENS.viewer } }).app;
    expect((await api(promoted, other)).status).toBe(401);
  });

  it('ends a session unused for the idle limit, and a busy one at its absolute limit', async () => {
    const settings = { sessionIdleMs: 10 * 60_000, sessionMaxMs: 3_600_000 };
    const idle = authApp(client, names, { settings });
    const unused = sessionCookieOf(await signIn(idle.app, { token: TOKENS.viewer }));
    idle.advance(10 * 60_000 - 1_000);
    expect((await openPage(idle.app, unused)).status).toBe(200);
    // That use counts: the idle limit runs from it.
    idle.advance(10 * 60_000 - 1_000);
    expect((await openPage(idle.app, unused)).status).toBe(200);
    idle.advance(10 * 60_000);
    expect((await openPage(idle.app, unused)).status).toBe(303);

    const busy = authApp(client, names, { settings });
    const used = sessionCookieOf(await signIn(busy.app, { token: TOKENS.viewer }));
    for (let minutes = 5; minutes < 60; minutes += 5) {
      busy.advance(5 * 60_000);
      expect((await api(busy.app, used)).status).toBe(200);
    }
    busy.advance(5 * 60_000);
    expect((await api(busy.app, used)).status).toBe(401);
  });
});
