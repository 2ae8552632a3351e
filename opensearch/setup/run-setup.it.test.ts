import { afterAll, describe, expect, it } from 'vitest';
import { dropPrefix, testClient, uniquePrefix } from '../../test/opensearch.ts';
import { openSearchEnvSchema } from '../config/env.ts';
import { parseEnv } from '../config/parse-env.ts';
import { withLogPatternExcluded } from './ensure-auto-create.ts';
import { runSetup } from './run-setup.ts';
import { setupConfigFromEnv } from './setup-config.ts';
import { recordFields } from '../record/fields.ts';
import { OPERATION_TYPE_LABELS, STATUS_LABELS } from '../record/vocabulary.ts';
import { readSetupMetadata } from '../metadata/read-setup-metadata.ts';

const client = testClient();
const prefix = uniquePrefix('setup');
const config = (env: Record<string, string> = {}) =>
  setupConfigFromEnv(parseEnv(openSearchEnvSchema, { SYNCLOG_INDEX_PREFIX: prefix, ...env }));

afterAll(() => dropPrefix(client, prefix));

const actions = (report: Awaited<ReturnType<typeof runSetup>>) =>
  Object.fromEntries(report.changes.map((c) => [`${c.kind} ${c.name}`, c.action]));

describe('synclog setup on a real node', () => {
  it('creates templates, dead-letter index, archive repository and metadata on an empty cluster', async () => {
    const report = await runSetup(client, config());
    expect(actions(report)).toMatchObject({
      [`component template ${prefix}-logs-settings`]: 'created',
      [`component template ${prefix}-logs-mappings`]: 'created',
      [`index template ${prefix}-logs`]: 'created',
      [`index ${prefix}-deadletter`]: 'created',
      [`snapshot repository ${prefix}-archive`]: 'created',
      [`index ${prefix}-meta`]: 'created',
      [`metadata ${prefix}-meta/setup`]: 'created',
    });
    expect(report.capabilities.version).toMatch(/^\d+\.\d+\.\d+/);

    const { body: template } = await client.indices.getIndexTemplate({ name: `${prefix}-logs` });
    const stored = (
      template.index_templates as Array<{ index_template: { index_patterns: string[]; template: { aliases: object } } }>
    )[0]!;
    expect(stored.index_template.index_patterns).toEqual([`${prefix}-logs-*`]);
    expect(Object.keys(stored.index_template.template.aliases)).toEqual([`${prefix}-logs`]);
    const { body: repo } = await client.snapshot.getRepository({ repository: `${prefix}-archive` });
    expect((repo as Record<string, { type: string }>)[`${prefix}-archive`]?.type).toBe('fs');
    const { body: settings } = await client.cluster.getSettings({ flat_settings: true });
    const autoCreate = (settings.persistent as Record<string, string>)['action.auto_create_index'] ?? 'true';
    expect(withLogPatternExcluded(autoCreate, `${prefix}-logs-*`)).toBe(autoCreate);
  });

  it('records which executor runs retention and alerting, and the policy it applied', async () => {
    const metadata = await readSetupMetadata(client, `${prefix}-meta`);
    const { body: plugins } = await client.cat.plugins({ format: 'json' });
    const hasIsm = (plugins as unknown as Array<{ component: string }>).some(
      (p) => p.component === 'opensearch-index-management',
    );
    expect(metadata?.executors.retention).toBe(hasIsm ? 'ism' : 'builtin');
    expect(metadata?.lifecycle).toMatchObject({
      hot_days: 90,
      delete_days: 730,
      archive_repository: `${prefix}-archive`,
    });
    expect(metadata?.index).toMatchObject({ prefix, period: 'month' });
  });

  it('records the event window, the vocabularies with labels and the mapped record fields', async () => {
    const metadata = await readSetupMetadata(client, `${prefix}-meta`);
    expect(metadata?.schema_version).toBe(2);
    expect(metadata?.event_window).toEqual({ delete_days: 730, clock_skew_ms: 300_000, period: 'month' });
    expect(metadata?.vocabularies?.operation_types).toEqual(OPERATION_TYPE_LABELS);
    expect(metadata?.vocabularies?.statuses.map((s) => s.code)).toEqual([
      'success',
      'error',
      'warning',
      'skipped',
      'pending',
    ]);
    expect(metadata?.vocabularies?.statuses).toEqual(STATUS_LABELS);
    expect([...(metadata?.fields ?? [])].sort()).toEqual(Object.keys(recordFields).sort());
    expect(metadata?.fields).toEqual(
      expect.arrayContaining(['operation_key', 'event_time_raw', 'validation_issues', 'invalid']),
    );
  });

  it('changes nothing on a second run', async () => {
    const report = await runSetup(client, config());
    expect(report.changes.filter((c) => c.action !== 'unchanged')).toEqual([]);
  });

  it('reports a changed retention duration as an update, and nothing else', async () => {
    const report = await runSetup(client, config({ SYNCLOG_RETENTION_HOT_DAYS: '30' }));
    const changed = report.changes.filter((c) => c.action !== 'unchanged');
    expect(changed).toEqual([{ kind: 'metadata', name: `${prefix}-meta/setup`, action: 'updated' }]);
    expect((await readSetupMetadata(client, `${prefix}-meta`))?.lifecycle.hot_days).toBe(30);
  });

  it('rewrites a template that was edited by hand', async () => {
    await client.cluster.putComponentTemplate({
      name: `${prefix}-logs-settings`,
      body: { template: { settings: { index: { number_of_shards: 3 } } } } as never,
    });
    const report = await runSetup(client, config({ SYNCLOG_RETENTION_HOT_DAYS: '30' }));
    expect(actions(report)[`component template ${prefix}-logs-settings`]).toBe('updated');
  });
});
