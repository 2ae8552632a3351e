import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { describe, expect, it } from 'vitest';
import { requestClient } from './client-address.ts';
import { csrfTokenOf, newSessionId, SESSION_COOKIE, sessionCookieOptions, sessionIdOf } from './session-cookie.ts';

/** The Set-Cookie header a response gets for a session cookie with these options. */
async function cookieHeader(secure: boolean, maxAgeSeconds: number) {
  const app = new Hono().get('/', (c) => {
    setCookie(c, SESSION_COOKIE, 'abc', sessionCookieOptions(secure, maxAgeSeconds));
    return c.body(null, 204);
  });
  return (await app.request('/')).headers.get('set-cookie')!;
}

/** What `requestClient` makes of a request with these headers, to this URL. */
async function clientOf(headers: Record<string, string>, trustProxy: boolean, url = 'http://synclog.test/') {
  const app = new Hono().get('/', (c) => c.json(requestClient(c, trustProxy)));
  return (await app.request(url, { headers })).json();
}

describe('the session cookie', () => {
  it('is httpOnly, SameSite=Strict, for the whole service, and lives as long as the session may', async () => {
    const header = await cookieHeader(false, 43_200);
    expect(header.split('; ').sort()).toEqual(
      [`${SESSION_COOKIE}=abc`, 'HttpOnly', 'Max-Age=43200', 'Path=/', 'SameSite=Strict'].sort(),
    );
  });

  it('is Secure when asked', async () => {
    expect((await cookieHeader(true, 60)).split('; ')).toContain('Secure');
  });

  it('carries 256 random bits, and a CSRF token that depends on them', () => {
    const [a, b] = [newSessionId(), newSessionId()];
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(a).not.toBe(b);
    expect(csrfTokenOf(a)).toBe(csrfTokenOf(a));
    expect(csrfTokenOf(a)).not.toBe(csrfTokenOf(b));
  });

  it('is read back from the request', async () => {
    const app = new Hono().get('/', (c) => c.text(sessionIdOf(c) ?? '(none)'));
    expect(await (await app.request('/', { headers: { cookie: `${SESSION_COOKIE}=xyz` } })).text()).toBe('xyz');
    expect(await (await app.request('/')).text()).toBe('(none)');
  });
});

describe('the client of a request', () => {
  const forwarded = { 'x-forwarded-for': '198.51.100.7, 203.0.113.9', 'x-forwarded-proto': 'https' };

  it('ignores forwarded headers unless a proxy is trusted', async () => {
    expect(await clientOf(forwarded, false)).toEqual({ address: 'unknown', https: false });
  });

  it('behind a trusted proxy, takes the address the proxy appended and its word on TLS', async () => {
    expect(await clientOf(forwarded, true)).toEqual({ address: '203.0.113.9', https: true });
    expect(await clientOf({ 'x-forwarded-for': '203.0.113.9', 'x-forwarded-proto': 'http' }, true)).toEqual({
      address: '203.0.113.9',
      https: false,
    });
  });

  it('counts a request served over https as TLS, proxy or not', async () => {
    expect(await clientOf({}, false, 'https://synclog.test/')).toMatchObject({ https: true });
  });
});
