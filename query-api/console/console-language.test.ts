import { describe, expect, it } from 'vitest';
import { createOpenSearchClient } from '../../opensearch/client/create-client.ts';
import { apiTokens } from '../auth/api-tokens.ts';
import { createApp } from '../create-app.ts';
import { englishFragments } from './console-catalogues.ts';

// Nothing answers on port 9: the pages asked here read no records, and the labels fall back to the story's.
// The service runs open (no tokens), so the settings page needs no session.
const app = createApp({
  client: createOpenSearchClient({ urls: ['http://127.0.0.1:9'] }),
  tokens: apiTokens([], true),
});
const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers });
const cookiesOf = (res: Response) => res.headers.getSetCookie();

describe('the language switch', () => {
  it('keeps the chosen language in a site-wide, Lax, long-lived cookie and returns to the local page named', async () => {
    const res = await get('/console/language?to=ru&next=%2Fconsole%2Flogs%3Fstatus%3Derror');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/console/logs?status=error');
    const [cookie] = cookiesOf(res);
    expect(cookie).toMatch(/^synclog_lang=ru;/);
    expect(cookie).toContain('Path=/');
    expect(cookie).toContain('SameSite=Lax');
    expect(Number(/Max-Age=(\d+)/.exec(cookie!)![1])).toBeGreaterThanOrEqual(180 * 86_400);
  });

  it('returns to the log list for a next page outside the console or on another host', async () => {
    for (const next of [
      '//evil.test/console',
      'https://evil.test/',
      '/logs',
      '/consoled',
      '/console/\\evil',
      '/console/x\r\nSet-Cookie:a=b',
    ]) {
      const res = await get(`/console/language?to=en&next=${encodeURIComponent(next)}`);
      expect(res.headers.get('location'), next).toBe('/console/logs');
    }
  });

  it('sets no cookie for a language it does not speak', async () => {
    const res = await get('/console/language?to=de&next=/console/settings');
    expect(res.headers.get('location')).toBe('/console/settings');
    expect(cookiesOf(res)).toEqual([]);
  });
});

describe('a console page in the reader’s language', () => {
  it('speaks Russian to a browser asking for it: <html lang="ru">, Russian navigation, no English text', async () => {
    const page = await (await get('/console/settings', { 'Accept-Language': 'ru-RU,ru;q=0.9,en;q=0.8' })).text();
    expect(page).toContain('<html lang="ru"');
    for (const item of ['Журнал', 'Поток записей', 'Отчёты', 'Оповещения', 'Хранение', 'Часовой пояс'])
      expect(page).toContain(item);
    const visible = page.replace(/<select[\s\S]*?<\/select>|<[^>]+>/g, ' ');
    const words = (text: string) =>
      new RegExp(`(^|[^A-Za-z])${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^A-Za-z])`);
    expect(englishFragments().filter((text) => words(text).test(visible))).toEqual([]);
    expect(visible).not.toContain('Logs');
    expect(visible).not.toContain('Time zone');
  });

  it('lets the switch’s cookie override the browser’s language, both ways', async () => {
    const english = await (
      await get('/console/settings', { 'Accept-Language': 'ru', cookie: 'synclog_lang=en' })
    ).text();
    expect(english).toContain('<html lang="en"');
    expect(english).toContain('>Logs</a>');
    const russian = await (
      await get('/console/login', { 'Accept-Language': 'en-US', cookie: 'synclog_lang=ru' })
    ).text();
    expect(russian).toContain('<html lang="ru"');
    expect(russian).toContain('API-токен');
    // The switch is on the sign-in page too, leading back to it.
    expect(russian).toContain('href="/console/language?to=en&amp;next=%2Fconsole%2Flogin"');
  });

  it('speaks English when nothing asks for another language', async () => {
    const page = await (await get('/console/login')).text();
    expect(page).toContain('<html lang="en"');
    expect(page).toContain('API token');
  });
});

describe('the time zone setting', () => {
  it('keeps a known zone in a cookie the page script can read, and refuses an unknown one', async () => {
    const kept = await get('/console/time-zone?zone=Asia%2FVladivostok&next=%2Fconsole%2Freports');
    expect(kept.status).toBe(303);
    expect(kept.headers.get('location')).toBe('/console/reports');
    const [cookie] = cookiesOf(kept);
    expect(cookie).toMatch(/^synclog_tz=Asia%2FVladivostok;/);
    expect(cookie).not.toContain('HttpOnly');
    const refused = await get('/console/time-zone?zone=Mars%2FOlympus', { 'Accept-Language': 'ru' });
    expect(refused.status).toBe(400);
    expect(cookiesOf(refused)).toEqual([]);
    expect(await refused.text()).toContain('Неизвестный часовой пояс');
  });

  it('shows the zone in use, chosen among every zone the runtime knows', async () => {
    const page = await (await get('/console/settings', { cookie: 'synclog_tz=Asia%2FVladivostok' })).text();
    expect(page).toContain('data-time-zone="Asia/Vladivostok"');
    expect(page).toContain('<option selected>Asia/Vladivostok</option>');
    expect(page).toContain('Times are shown in Asia/Vladivostok.');
    expect(page.match(/<option/g)!.length).toBeGreaterThanOrEqual(Intl.supportedValuesOf('timeZone').length);
  });
});

describe('a refused filter on the log list', () => {
  const problem = async (query: string, language: string) => {
    const res = await get(`/console/logs?${query}`, { 'Accept-Language': language });
    expect(res.status).toBe(400);
    return /<p class="notice error-box" role="alert">([^<]*)<\/p>/.exec(await res.text())?.[1];
  };

  it('is named by its label and said in Russian to a Russian reader', async () => {
    expect(await problem('from=yesterday', 'ru')).toBe(
      'Фильтр «С (ISO или now-7d)» не принят: ожидаются дата и время ISO 8601 или now, now-7d, now-12h, now-30m',
    );
    expect(await problem('from=2026-12-04T00:00:00Z&to=2026-12-01T00:00:00Z', 'ru')).toBe(
      'Фильтр «По» не принят: должно быть позже «С»',
    );
    expect(await problem('sort=name:sideways', 'ru')).toBe('Фильтр «sort» не принят: недопустимое значение');
  });

  it('keeps zod’s own detail for an English reader', async () => {
    expect(await problem('sort=name:sideways', 'en')).toMatch(
      /^The filter &quot;sort&quot; was not accepted: expected &lt;field&gt;:asc\|desc with field one of @timestamp, /,
    );
  });
});
