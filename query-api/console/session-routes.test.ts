import { describe, expect, it } from 'vitest';
import { apiTokens } from '../auth/api-tokens.ts';
import { csrfTokenOf, SESSION_COOKIE } from '../auth/session-cookie.ts';
import { consoleGuards } from './console-guards.ts';
import { sessionRoutes } from './session-routes.ts';

const TOKEN = 'viewer-token-0123456789';
const tokens = apiTokens([{ role: 'viewer', token: TOKEN }]);
const app = sessionRoutes(tokens, consoleGuards(tokens));
const signIn = (fields: Record<string, string>, url = 'http://console.test/console/login') =>
  app.request(url, { method: 'POST', body: new URLSearchParams(fields) });

describe('signing in to the console', () => {
  it('keeps a known token in an httpOnly, SameSite=Strict session cookie and goes to the page asked for', async () => {
    const res = await signIn({ token: ` ${TOKEN} `, next: '/console/alerts' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/console/alerts');
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toContain(`${SESSION_COOKIE}=${TOKEN};`);
    expect(cookie).toMatch(/Max-Age=43200/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toMatch(/Secure/);
  });

  it('marks the cookie Secure when the console is served over https', async () => {
    const res = await signIn({ token: TOKEN }, 'https://console.test/console/login');
    expect(res.headers.get('set-cookie')).toMatch(/Secure/);
  });

  it('sends a next page outside the console, or to another host, to the log list instead', async () => {
    for (const next of ['//evil.test/console', 'https://evil.test/', '/logs', '/consoled']) {
      const res = await signIn({ token: TOKEN, next });
      expect(res.headers.get('location')).toBe('/console/logs');
    }
  });

  it('refuses an unknown or empty token with the form again and no cookie', async () => {
    for (const token of ['not-a-token', '   ']) {
      const res = await signIn({ token });
      expect(res.status).toBe(400);
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(await res.text()).toContain('That token is not known.');
    }
  });

  it('signs out only with the session and its CSRF token, clearing the cookie', async () => {
    const cookie = `${SESSION_COOKIE}=${TOKEN}`;
    const forged = await app.request('/console/logout', {
      method: 'POST',
      headers: { cookie },
      body: new URLSearchParams(),
    });
    expect(forged.status).toBe(403);
    const res = await app.request('/console/logout', {
      method: 'POST',
      headers: { cookie },
      body: new URLSearchParams({ _csrf: csrfTokenOf(TOKEN) }),
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/console/login');
    expect(res.headers.get('set-cookie')).toMatch(new RegExp(`^${SESSION_COOKIE}=;.*Max-Age=0`));
  });
});
