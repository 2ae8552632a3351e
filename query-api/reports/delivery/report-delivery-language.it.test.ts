import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRecords } from '../../../test/generator/index.ts';
import { setUpPrefixes, testClient, uniquePrefix } from '../../../test/opensearch.ts';
import { seedPrefix } from '../../../test/seeded-prefix.ts';
import { startSmtpSink, type SmtpSink } from '../../../test/smtp-sink-process.ts';
import { startWebhookReceiver } from '../../../test/webhook-receiver.ts';
import { dailySummary } from '../daily-summary.ts';
import { dailyJobScheduler, mailsFor } from './fixtures/daily-report-job.ts';

const client = testClient();
const prefixes = setUpPrefixes(client, 'report-lang');
let sink: SmtpSink;

beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink.stop();
  await prefixes.dropAll();
});

/** Russian plural of a count, by the grammar's rule (not Intl): 1 операция, 2 операции, 5 операций, 11 операций. */
const ruPlural = (n: number, [one, few, many]: readonly [string, string, string]) =>
  n % 10 === 1 && n % 100 !== 11 ? one : [2, 3, 4].includes(n % 10) && ![12, 13, 14].includes(n % 100) ? few : many;
/** Digits in groups of three, separated by a no-break space, as Russian writes them. */
const ruGroups = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
const addressesOf = (mail: Awaited<ReturnType<typeof mailsFor>>[number]) =>
  [mail.to].flat().flatMap((a) => a!.value.map((v) => v.address));

interface Sent {
  readonly runId: string;
  readonly receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  readonly record: () => Promise<unknown>;
  readonly expected: Awaited<ReturnType<typeof dailySummary>>;
  /** The Russian sentence's counts, written and declined here by the grammar's rules. */
  readonly ruFigures: string;
}

/** One run of the daily job to an English recipient, two Russian ones and a Russian webhook. */
async function sendOnce(): Promise<Sent> {
  const prefix = prefixes.track(uniquePrefix('report-lang'));
  const records = generateRecords({
    seed: 43,
    count: 2_000,
    from: new Date('2026-11-27T00:00:00Z'),
    to: new Date('2026-11-29T00:00:00Z'),
  });
  const { names } = await seedPrefix(client, prefix, records);
  const receiver = await startWebhookReceiver();
  const reports = {
    daily: {
      to: ['ops@example.com', 'ru:admin@example.ru', 'RU:chief@example.ru'],
      webhooks: [`ru:${receiver.url}`],
      attachment: 'csv',
    },
  };
  const { scheduler, record, runId } = dailyJobScheduler(client, names, {
    SYNCLOG_SMTP_URL: sink.url,
    SYNCLOG_REPORTS: JSON.stringify(reports),
  });
  const expected = await dailySummary(client, names, '2026-11-28', 'UTC');
  expect(expected.operations).toBeGreaterThan(300);
  await scheduler.tick();
  await scheduler.stop();
  const { operations } = expected;
  const errors = expected.by_status.error;
  const ruFigures = [
    `${ruGroups(operations)} ${ruPlural(operations, ['операция', 'операции', 'операций'])}`,
    `${ruGroups(errors)} ${ruPlural(errors, ['ошибка', 'ошибки', 'ошибок'])}`,
    `доля ошибок ${(expected.error_rate * 100).toFixed(2).replace('.', ',')} %`,
  ].join(', ');
  return { runId, receiver, record, expected, ruFigures };
}

let sent: Sent;
beforeAll(async () => {
  sent = await sendOnce();
});
afterAll(() => sent?.receiver.close());

describe('scheduled reports in each recipient’s language, through a real SMTP server process', () => {
  it('mails the Russian recipients together, in Russian: subject, HTML and text body, and a Russian CSV', async () => {
    const { expected, ruFigures } = sent;
    const errors = expected.by_status.error;
    const [ruMail, ...more] = await mailsFor(sink, sent.runId, 'admin@example.ru');
    expect(more).toHaveLength(0);
    expect(addressesOf(ruMail!)).toEqual(['admin@example.ru', 'chief@example.ru']);
    expect(ruMail!.subject).toBe(`[synclog] Ежедневная сводка за 28.11.2026: ${ruFigures}`);
    expect(ruMail!.html).toContain('<html lang="ru">');
    expect(ruMail!.html).toMatch(/>Импорт из 1С<\/td><td[^>]*>[\d\u00a0]+<\/td>/);
    expect(ruMail!.html).toContain(`>${ruGroups(expected.operations)}</td>`);
    expect(ruMail!.text).toContain(`Операции: ${ruGroups(expected.operations)}\nОшибки: ${ruGroups(errors)}`);
    expect(ruMail!.text).toContain('Полный отчёт во вложении (synclog-daily-2026-11-28.csv).');
    const csv = ruMail!.attachments[0]!.content.toString();
    const [header, ...rows] = parse(csv, { delimiter: ';', bom: true }) as string[][];
    expect(header!.slice(0, 4)).toEqual(['Раздел', 'Строка', 'Показатель', 'Значение']);
    const cells = (item: string, measure: string) => rows.find((r) => r[5] === item && r[6] === measure)!;
    expect(cells('', 'operations').slice(2, 4)).toEqual(['Операции', String(expected.operations)]);
    expect(cells('error', 'operations').slice(1, 4)).toEqual(['Ошибка', 'Операции', String(errors)]);
  });

  it('mails the English recipient apart, in English, with the attachment of codes it always had', async () => {
    const { expected } = sent;
    const [enMail, ...more] = await mailsFor(sink, sent.runId, 'ops@example.com');
    expect(more).toHaveLength(0);
    expect(addressesOf(enMail!)).toEqual(['ops@example.com']);
    const en = (n: number) => n.toLocaleString('en-US');
    expect(enMail!.subject).toBe(
      `[synclog] Daily summary 2026-11-28: operations ${en(expected.operations)}, errors ${en(expected.by_status.error)}, error rate ${(expected.error_rate * 100).toFixed(2)} %`,
    );
    expect(enMail!.html).toContain('<html lang="en">');
    expect(enMail!.text).toContain(`operations: ${en(expected.operations)}`);
    expect(enMail!.attachments[0]!.content.toString()).toContain(`summary,,operations,${expected.operations}\n`);
  });

  it('words the Russian webhook’s heading and summary in Russian beside the codes and raw figures, and records each target', async () => {
    const { expected, receiver } = sent;
    expect(receiver.received).toHaveLength(1);
    const posted = JSON.parse(receiver.received[0]!.body) as Record<string, unknown>;
    expect(posted).toMatchObject({
      language: 'ru',
      period: '2026-11-28',
      heading: 'Ежедневная сводка за 28.11.2026',
      summary: sent.ruFigures,
      headline: { operations: expected.operations, errors: expected.by_status.error },
    });
    expect(posted.data).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(await sent.record()).toMatchObject({
      state: 'succeeded',
      result: {
        value: {
          delivered: ['email:ops@example.com', 'email:admin@example.ru,chief@example.ru', `webhook:${receiver.url}`],
        },
      },
    });
  });
});
