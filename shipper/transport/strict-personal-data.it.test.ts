import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import winston from 'winston';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createOpenSearchClient } from '../../opensearch/client/create-client.ts';
import { periodOf } from '../../opensearch/record/index-period.ts';
import type { SyncLogRecord } from '../../opensearch/record/schema.ts';
import { runSetup } from '../../opensearch/setup/run-setup.ts';
import { serviceConfigFromEnv } from '../../query-api/config/service-config.ts';
import { createService } from '../../query-api/create-service.ts';
import { startFaultProxy } from '../../test/fault-proxy.ts';
import { dropPrefix, testClient, uniquePrefix } from '../../test/opensearch.ts';
import { until } from '../../test/until.ts';
import { createCustomerSyncLogger } from '../loggers/customer-sync-logger.ts';
import { OpenSearchTransport } from './opensearch-transport.ts';

const DAY = 86_400_000;
const ADMIN = 'admin-token-strict-0123456789';
const nodeUrl = inject('opensearchUrl');
const client = testClient();
const prefix = uniquePrefix('pii');
const home = mkdtempSync(join(tmpdir(), 'synclog-pii-'));
const transports: OpenSearchTransport[] = [];
afterAll(async () => {
  for (const t of transports) await t.close({ timeoutMs: 5_000 });
  await dropPrefix(client, prefix);
});

const K1 = 'k1:first-secret-of-at-least-32-characters!';
const K2 = 'k2:second-secret-of-at-least-32-characters';
const keysBefore = join(home, 'keys-k1');
const keysAfter = join(home, 'keys-k2-k1');
writeFileSync(keysBefore, `${K1}\n`);
writeFileSync(keysAfter, `${K2}\n${K1}\n`);

/** The customers the input holds: every e-mail below is searched for in every byte synclog wrote. */
const CUSTOMERS = [
  { id: 'c-1', name: 'ООО «Ромашка»', email: 'Info@Romashka.ru', onecId: 'ЦБ-000101', type: 'legal' },
  { id: 'c-2', name: 'Петров Иван Сергеевич', email: 'ivan.petrov+crm@example.com', onecId: 'ЦБ-000102' },
  { id: 'c-3', name: 'ИП Смирнова', email: 'смирнова@почта.рф', onecId: '0000103' },
] as const;
const REFUSED = { id: 'c-9', name: 'Отказной Клиент', email: 'refused.customer@example.org', onecId: 'ЦБ-000777' };
const ALL_EMAILS = [...CUSTOMERS.map((c) => c.email), REFUSED.email, 'support.desk@example.net'];
const PHONE = '+7 (912) 345-67-89';

/** Every e-mail of the input (as given and lower-cased) that `bytes` still holds in clear. */
function clearEmailsIn(bytes: Buffer | string): string[] {
  const text = (typeof bytes === 'string' ? bytes : bytes.toString('utf8')).toLowerCase();
  return ALL_EMAILS.filter((email) => text.includes(email.toLowerCase()));
}

/** Every file under `dir`, concatenated. */
function bytesUnder(dir: string): Buffer {
  if (!existsSync(dir)) return Buffer.alloc(0);
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile());
  return Buffer.concat(files.map((path) => readFileSync(path)));
}

/** What OpenSearch answers a search of `index`, as the bytes it sent (`_source` included). */
async function searchBytes(index: string): Promise<string> {
  await client.indices.refresh({ index });
  const response = await fetch(`${nodeUrl}/${index}/_search?size=1000`);
  expect(response.status).toBe(200);
  return response.text();
}

const config = serviceConfigFromEnv({
  OPENSEARCH_URL: nodeUrl,
  SYNCLOG_INDEX_PREFIX: prefix,
  SYNCLOG_HOME: home,
  SYNCLOG_API_TOKENS: `admin:${ADMIN}`,
  SYNCLOG_PERSONAL_DATA_POLICY: 'strict',
  SYNCLOG_PERSONAL_DATA_KEYS_FILE: keysAfter,
});
const { names } = config.setup;

describe('the strict policy, end to end against a real node', () => {
  it('writes no clear e-mail to the index, spool, write-ahead log, dead letters, access log or an export, and exact e-mail search still finds every record', async () => {
    await runSetup(client, config.setup);
    // A past month whose index disagrees with the records: a 1C id as a number. OpenSearch refuses that record.
    const poisoned = periodOf(Date.now() - 62 * DAY, 'month');
    await client.indices.create({
      index: names.logIndex(poisoned),
      body: {
        settings: { index: { creation_date: poisoned.start.getTime() } },
        mappings: { properties: { onec_id: { type: 'long' } } },
      } as never,
    });

    // 1. The cluster takes no bulk request: records wait in the write-ahead log, then in the spool.
    const proxy = await startFaultProxy(nodeUrl);
    proxy.mode = 'down';
    const spoolDir = mkdtempSync(join(tmpdir(), 'synclog-pii-spool-'));
    const transport = new OpenSearchTransport({
      client: createOpenSearchClient({ urls: [proxy.url] }),
      service: 'pii-test',
      indexPrefix: prefix,
      spoolDir,
      writeAhead: true,
      retryDeadlineMs: 300,
      initialBackoffMs: 20,
      maxBackoffMs: 50,
      flushIntervalMs: 50,
      personalData: 'strict',
      personalDataKeysFile: keysBefore,
    });
    transports.push(transport);
    const logger = winston.createLogger({ level: 'debug', transports: [transport] });
    const sync = createCustomerSyncLogger({ logger });
    const expected = new Map<string, number>();
    for (const customer of CUSTOMERS) {
      sync.logCustomerImport({ customer, result: { status: 'success', createdNew: true, durationMs: 812 } });
      sync.logCustomerExport({
        customer,
        result: { status: 'error', durationMs: 1_500 },
        error: new Error(`1C refused ${customer.email}: телефон ${PHONE} не прошёл проверку (запрос ЦБ-000123)`),
      });
      logger.warn(`Письмо для ${customer.email} отложено до 2026-12-01T09:00:00Z`, {
        customer_email: customer.email,
        customer: { id: customer.id, name: customer.name },
      });
      expected.set(customer.email, 3);
    }
    logger.info('Обращение в support.desk@example.net закрыто за 450 ms');
    // Refused at the call: older than the delete horizon.
    logger.info(`Старая запись ${REFUSED.email}`, {
      customer_email: REFUSED.email,
      '@timestamp': '2001-01-01T00:00:00Z',
    });
    // Refused by OpenSearch: its month's index maps onec_id as a number.
    logger.error(`Конфликт для ${REFUSED.email}`, {
      customer_email: REFUSED.email,
      onec_id: REFUSED.onecId,
      customer: { id: REFUSED.id, name: REFUSED.name },
      '@timestamp': new Date(poisoned.start.getTime() + DAY).toISOString(),
    });

    const wal = bytesUnder(join(spoolDir, 'write-ahead'));
    expect(wal.includes('hmac:k1:')).toBe(true);
    expect(clearEmailsIn(wal)).toEqual([]);
    const deadLetterFile = join(spoolDir, 'dead-letters.ndjson');
    await until(
      'the spool and the dead-letter file',
      async () => transport.stats().spool.records > 0 && existsSync(deadLetterFile),
    );
    const spool = bytesUnder(spoolDir);
    expect(spool.includes('hmac:k1:')).toBe(true);
    expect(clearEmailsIn(spool)).toEqual([]);
    const fileLetters = readFileSync(deadLetterFile, 'utf8');
    expect(fileLetters).toContain('event_time_expired');
    expect(clearEmailsIn(fileLetters)).toEqual([]);

    // 2. The cluster is back: everything is delivered, the poisoned record dead-lettered in the index.
    proxy.mode = 'pass';
    const stored = 3 * CUSTOMERS.length + 1;
    await until('every record delivered or dead-lettered', async () => {
      const report = await transport.flush();
      return report.spooled === 0 && transport.stats().spool.records === 0 && report;
    });
    logger.info(`Ещё одна старая запись ${REFUSED.email}`, {
      customer_email: REFUSED.email,
      '@timestamp': '2001-01-01T00:00:00Z',
    });
    await transport.flush();

    // 3. A key rotation: a producer under the new key (k2) logs for the first customer.
    const rotated = new OpenSearchTransport({
      client,
      service: 'pii-test',
      indexPrefix: prefix,
      spoolDir: mkdtempSync(join(tmpdir(), 'synclog-pii-spool-')),
      personalData: 'strict',
      personalDataKeysFile: keysAfter,
    });
    transports.push(rotated);
    const afterRotation = createCustomerSyncLogger({ logger: winston.createLogger({ transports: [rotated] }) });
    afterRotation.logCustomerImport({ customer: CUSTOMERS[0], result: { status: 'success' } });
    expect(await rotated.flush()).toMatchObject({ delivered: 1 });
    expected.set(CUSTOMERS[0].email, 4);
    await transport.close();
    await proxy.close();

    const logs = await searchBytes(names.readAlias);
    expect(JSON.parse(logs).hits.total.value).toBe(stored + 1);
    expect(logs).toContain('hmac:k1:');
    expect(logs).toContain('hmac:k2:');
    expect(clearEmailsIn(logs)).toEqual([]);
    const letters = await searchBytes(names.deadLetter);
    const codes = (JSON.parse(letters).hits.hits as Array<{ _source: { reason_code: string } }>).map(
      (h) => h._source.reason_code,
    );
    expect(codes.sort()).toEqual(['event_time_expired', 'mapping']);
    expect(clearEmailsIn(letters)).toEqual([]);

    // 4. The service, with both keys: exact e-mail search finds each customer's records, whichever key hashed them.
    const service = createService(config, { client, port: 0 });
    const url = await service.start();
    const auth = { headers: { Authorization: `Bearer ${ADMIN}` } };
    try {
      for (const customer of CUSTOMERS) {
        const typed = ` ${customer.email.toUpperCase()} `;
        const response = await fetch(`${url}/logs?size=100&q=${encodeURIComponent(typed)}`, auth);
        expect(response.status).toBe(200);
        const { records } = (await response.json()) as { records: SyncLogRecord[] };
        expect(records).toHaveLength(expected.get(customer.email)!);
        expect(new Set(records.map((r) => r.customer?.id))).toEqual(new Set([customer.id]));
        expect(records.every((r) => r.customer?.name === '[masked]')).toBe(true);
      }
      const exported = await fetch(`${url}/logs/export.csv?q=${encodeURIComponent(CUSTOMERS[1].email)}`, auth);
      expect(exported.status).toBe(200);
      const csv = Buffer.from(await exported.arrayBuffer());
      expect(csv.toString('utf8').trim().split('\n')).toHaveLength(1 + expected.get(CUSTOMERS[1].email)!);
      expect(clearEmailsIn(csv)).toEqual([]);
      expect(clearEmailsIn(bytesUnder(join(home, 'access-log-wal')))).toEqual([]);
    } finally {
      await service.stop();
    }

    const access = await searchBytes(names.accessLog);
    const entries = (
      JSON.parse(access).hits.hits as Array<{ _source: { route: string; filters: { q?: string } } }>
    ).map((h) => h._source);
    expect(entries.filter((e) => e.route === '/logs')).toHaveLength(CUSTOMERS.length);
    expect(
      entries.filter((e) => e.route === '/logs').every((e) => /^hmac:k2:[0-9a-f]{64}$/.test(e.filters.q ?? '')),
    ).toBe(true);
    expect(clearEmailsIn(access)).toEqual([]);
    const manifests = await searchBytes(names.exports);
    expect(JSON.parse(manifests).hits.total.value).toBe(1);
    expect(clearEmailsIn(manifests)).toEqual([]);
  });
});
