import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSearchEnvSchema } from '../config/env.ts';
import { parseEnv } from '../config/parse-env.ts';
import { generateRecords } from '../../test/generator/index.ts';
import type { IndexNames } from '../record/index-names.ts';
import { runSetup } from '../setup/run-setup.ts';
import { setupConfigFromEnv } from '../setup/setup-config.ts';
import { dropPrefix, testClient, uniquePrefix } from '../../test/opensearch.ts';
import { writeRecords } from '../../test/write-records.ts';
import { alertEventSchema } from './alert-event.ts';
import { alertRulesSchema, DEFAULT_ALERT_RULES } from './alert-rules.ts';
import { actionsOf } from './fixtures/alerting-api-formats.ts';
import { renderMonitor } from './monitor-rendering.ts';
import type { Locale } from '../i18n/locale.ts';

const client = testClient();
const prefix = uniquePrefix('monitors');
let names: IndexNames;
const HOSTILE = 'He said "stop"\\ then\nnewline\ttab </script> {{ctx.monitor.name}} \u2028 end';
const T = Date.parse('2026-11-23T10:00:00.000Z');

beforeAll(async () => {
  const config = setupConfigFromEnv(parseEnv(openSearchEnvSchema, { SYNCLOG_INDEX_PREFIX: prefix }));
  await runSetup(client, config);
  names = config.names;
  const records = generateRecords({ seed: 77, count: 60, from: new Date(T - 10 * 60_000), to: new Date(T - 60_000) });
  records[0] = { ...records[0]!, level: 'critical', error_message: HOSTILE, status: 'error' };
  records[1] = {
    ...records[1]!,
    level: 'error',
    error_message: 'certificate "expired" \\ on 1C',
    status: 'error',
    category: 'tls',
  };
  records[2] = {
    ...records[2]!,
    level: 'error',
    error_message: 'certificate expired on 1C',
    status: 'error',
    category: 'tls',
  };
  await writeRecords(
    client,
    names,
    'month',
    records.map((r, i) =>
      i > 2 && r.level === 'critical'
        ? { ...r, level: 'error' as const }
        : i > 2 && r.category === 'security'
          ? { ...r, category: 'sync' }
          : r,
    ),
  );
});
afterAll(() => dropPrefix(client, prefix));

const monitors = (locale: Locale = 'en') =>
  DEFAULT_ALERT_RULES.map((rule) => renderMonitor(rule, names, ['chan-1', 'chan-2'], locale));

/** Renders a mustache template with OpenSearch's own engine (`_render/template`) and returns the raw answer text. */
async function renderOnNode(source: string, ctx: unknown): Promise<string> {
  const { body } = await client.transport.request(
    { method: 'POST', path: '/_render/template', body: { source, params: { ctx } } },
    { asStream: false } as never,
  );
  return typeof body === 'string' ? body : JSON.stringify(body);
}

describe('the native renderings of the default rules', () => {
  it("have message templates that render, on the node's mustache engine, to valid alert events even for hostile error messages", async () => {
    const alert = {
      agg_alert_content: { bucket_keys: ['import_from_1c'] },
      sample_documents: [{ _source: { level: 'critical', error_message: HOSTILE } }],
    };
    const ctx = {
      monitor: { name: 'synclog error-rate' },
      periodStart: '2026-11-23T09:59:00Z',
      periodEnd: '2026-11-23T10:00:00Z',
      results: [{ hits: { total: { value: 42 } }, aggregations: { errors: { doc_count: 7 } } }],
      newAlerts: [alert],
      completedAlerts: [alert],
      alerts: [alert],
    };
    let templates = 0;
    const summaries = new Map<string, string>();
    for (const monitor of [...monitors('en'), ...monitors('ru')]) {
      for (const a of actionsOf(monitor)) {
        const text = await renderOnNode(a.message_template.source, ctx);
        const { template_output } = JSON.parse(text) as { template_output: unknown }; // throws on invalid JSON
        const event = alertEventSchema.parse(template_output);
        expect(event.source).toBe('opensearch-alerting');
        summaries.set(`${event.rule}:${event.state}:${/[а-я]/.test(event.summary) ? 'ru' : 'en'}`, event.summary);
        if (monitor.monitor_type === 'doc_level_monitor') expect(event.summary).toContain(HOSTILE);
        if (monitor.monitor_type === 'bucket_level_monitor')
          expect(event).toMatchObject({ group: 'import_from_1c', dedup_key: 'synclog:error-burst:import_from_1c' });
        templates++;
      }
    }
    expect(templates).toBe(28); // in each language: 6 monitors × 2 channels, and the burst monitor's resolved actions
    // The error-rate rule's defaults (5 %, 15 min) with the counts the plugin's context carries.
    expect(summaries.get('error-rate:firing:en')).toBe(
      'error rate above 5 % over the last 15 min (7 errors of 42 operations)',
    );
    expect(summaries.get('error-rate:firing:ru')).toBe(
      'доля ошибок выше 5 % за последние 15 мин (ошибок: 7, операций: 42)',
    );
    expect([...summaries.keys()].filter((key) => key.endsWith(':ru'))).toHaveLength(7);
  });

  it('run queries the node accepts, and document-level queries match phrases exactly, whatever they contain', async () => {
    for (const monitor of monitors().filter((m) => m.monitor_type !== 'doc_level_monitor')) {
      const query = JSON.parse(
        JSON.stringify((monitor.inputs as Array<{ search: { query: unknown } }>)[0]!.search.query).replaceAll(
          '{{period_end}}',
          String(T),
        ),
      );
      const { body } = await client.search({ index: names.readAlias, body: query } as never);
      expect(
        (body as unknown as { hits: { total: { value: number } } }).hits.total.value,
        String(monitor.name),
      ).toBeGreaterThan(0);
    }
    // User text stays a phrase: the document-level query matches what the built-in evaluator's
    // match_phrase matches, and an attempt at query syntax matches nothing.
    const [rule] = alertRulesSchema.parse([
      {
        name: 'crit',
        kind: 'critical_records',
        categories: [],
        patterns: ['certificate "expired" \\ on', 'x" OR level:"info'],
      },
    ]);
    const doc = renderMonitor(rule!, names, ['chan']) as {
      inputs: Array<{ doc_level_input: { queries: Array<{ query: string }> } }>;
    };
    const matched = async (query: unknown) => {
      const { body } = await client.search({
        index: names.readAlias,
        body: { size: 100, query, sort: [{ event_id: 'asc' }], _source: ['error_message', 'level'] },
      } as never);
      return (
        body as unknown as { hits: { hits: Array<{ _source: { error_message?: string; level: string } }> } }
      ).hits.hits.map((h) => h._source);
    };
    const [critical, phrase, injection] = doc.inputs[0]!.doc_level_input.queries;
    expect(await matched({ query_string: { query: critical!.query } })).toEqual([
      { level: 'critical', error_message: HOSTILE },
    ]);
    const phraseMatches = await matched({ query_string: { query: phrase!.query } });
    expect(phraseMatches.map((s) => s.error_message)).toContain('certificate "expired" \\ on 1C');
    expect(phraseMatches).toEqual(await matched({ match_phrase: { error_message: 'certificate "expired" \\ on' } }));
    expect(await matched({ query_string: { query: injection!.query } })).toEqual([]);
  });
});
