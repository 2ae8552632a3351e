import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openSearchEnvSchema } from '../../opensearch/config/env.ts';
import { parseEnv } from '../../opensearch/config/parse-env.ts';
import { indexNames } from '../../opensearch/record/index-names.ts';
import { runSetup } from '../../opensearch/setup/run-setup.ts';
import { setupConfigFromEnv } from '../../opensearch/setup/setup-config.ts';
import { dropPrefix, testClient, uniquePrefix } from '../../test/opensearch.ts';
import { compileExample, installExample, packShipper, packageNames, run } from './packed-example.ts';
import type { CommandResult, CompileError } from './packed-example.ts';

/** What the service needs and an app that only logs must not install. */
const SERVICE_PACKAGES = [
  'hono',
  '@hono/node-server',
  'exceljs',
  'nodemailer',
  '@faker-js/faker',
  'extract-zip',
  'node-cron',
  'playwright',
  'playwright-core',
];

/** Three misuses, each typed in a different part of the package: lines 3, 4 and 6 must be rejected. */
const MISUSE = [
  "import winston from 'winston';",
  "import { OpenSearchTransport, createCustomerSyncLogger, type CloseReport } from '@synclog/shipper';",
  'new OpenSearchTransport({ service: 42 });',
  "const settled: CloseReport['delivered'] = 'all';",
  'const sync = createCustomerSyncLogger({ logger: winston.createLogger() });',
  "sync.logCustomerImport({ customer: {}, result: { status: 'done' } });",
  'export { settled };',
].join('\n');

const client = testClient();
const prefix = uniquePrefix('pkg');
const names = indexNames(prefix);

interface ExampleRun {
  readonly dir: string;
  readonly runId: string;
  readonly misuseFile: string;
  readonly compileErrors: readonly CompileError[];
  readonly app: CommandResult;
  readonly productionTree: CommandResult;
}

let root: string;
let tarball: string;
const examples = new Map<string, ExampleRun>();
const example = (name: string) => examples.get(name)!;

/** Installs the tarball into a copy of an example, compiles it (tsc --strict) and runs it on plain Node. */
async function runExample(name: string, entry: string, misuseFile: string): Promise<ExampleRun> {
  const dir = await installExample(name, root, tarball);
  await writeFile(join(dir, misuseFile), MISUSE);
  const { errors: compileErrors } = await compileExample(dir, misuseFile);
  const runId = `${name}-${prefix}`;
  const env = {
    OPENSEARCH_URL: inject('opensearchUrl'),
    SYNCLOG_INDEX_PREFIX: prefix,
    EXAMPLE_RUN_ID: runId,
    EXAMPLE_SPOOL_DIR: await mkdtemp(join(root, `${name}-spool-`)),
  };
  const [app, productionTree] = await Promise.all([
    run(process.execPath, [entry], dir, env),
    run('npm', ['ls', '--omit=dev', '--all', '--json'], dir),
  ]);
  return { dir, runId, misuseFile, compileErrors, app, productionTree };
}

async function storedRecords(runId: string): Promise<Array<Record<string, unknown>>> {
  await client.indices.refresh({ index: `${prefix}-*` });
  const query = { term: { correlation_id: runId } };
  const { body } = await client.search({ index: names.readAlias, body: { size: 100, query } as never });
  return body.hits.hits.map((hit) => hit._source as Record<string, unknown>);
}

/** The app's last stdout line: its close report and the records-sent counter of its own registry. */
const summaryOf = (app: CommandResult) => JSON.parse(app.stdout.trim().split('\n').at(-1) ?? 'null');

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'synclog-package-'));
  [tarball] = await Promise.all([
    packShipper(await mkdtemp(join(root, 'tarball-'))),
    runSetup(client, setupConfigFromEnv(parseEnv(openSearchEnvSchema, { SYNCLOG_INDEX_PREFIX: prefix }))),
  ]);
  const [esm, cjs] = await Promise.all([
    runExample('esm-app', 'app.mjs', 'misuse.mts'),
    runExample('cjs-app', 'app.cjs', 'misuse.cts'),
  ]);
  examples.set('esm-app', esm).set('cjs-app', cjs);
}, 120_000);

afterAll(async () => {
  await dropPrefix(client, prefix);
  if (root) await rm(root, { recursive: true, force: true });
});

describe('@synclog/shipper installed from its packed tarball', () => {
  it('holds compiled JavaScript and declarations only, none of the service, the CLI or the node launcher', async () => {
    const listing = await run('tar', ['-tzf', tarball], root);
    const files = listing.stdout
      .split('\n')
      .filter(Boolean)
      .map((path) => path.replace(/^package\//, ''));
    expect(files).toContain('dist/shipper/index.js');
    expect(files).toContain('dist/shipper/index.d.ts');
    expect(files.filter((path) => path.endsWith('.ts') && !path.endsWith('.d.ts'))).toEqual([]);
    const service = /^dist\/(query-api|cli|bin|test|opensearch\/(local|setup|lifecycle|alerting))\//;
    expect(files.filter((path) => service.test(path))).toEqual([]);
  });

  it('an ES module app type-checks with tsc --strict, imports it on plain Node and its records arrive in OpenSearch', async () => {
    const { compileErrors, misuseFile, app, runId } = example('esm-app');
    expect(compileErrors.filter((error) => error.file !== misuseFile)).toEqual([]);
    expect(app, app.stderr).toMatchObject({ code: 0 });
    const delivered = { delivered: 4, spooled: 0, deadLettered: 0, dropped: 0, undelivered: 0 };
    expect(summaryOf(app)).toMatchObject({ runId, report: delivered, sent: 4 });

    const records = await storedRecords(runId);
    expect(records.map((record) => (record.service as { name: string }).name)).toEqual(Array(4).fill('esm-example'));
    const types = records.map((record) => record.operation_type ?? 'none').sort();
    expect(types).toEqual(['conflict_resolution', 'import_from_1c', 'none', 'none']);
    const plain = records.find((record) => record.message === 'price list pushed to 1C');
    expect(plain).toMatchObject({
      event_time_raw: '04.12.2026 10:15:00',
      invalid: { operation_type: 'price_update', status: 'done' },
    });
    expect([...(plain!.validation_issues as string[])].sort()).toEqual([
      'event_time_unreadable',
      'operation_type_unknown',
      'status_unknown',
    ]);
    const imported = records.find((record) => record.operation_type === 'import_from_1c');
    expect(imported).toMatchObject({ onec_id: 'ЦБ-000042', created_new: true });
  });

  it('a CommonJS app type-checks with tsc --strict, require()s it on plain Node and its records arrive in OpenSearch', async () => {
    const { compileErrors, misuseFile, app, runId } = example('cjs-app');
    expect(compileErrors.filter((error) => error.file !== misuseFile)).toEqual([]);
    expect(app, app.stderr).toMatchObject({ code: 0 });
    const delivered = { delivered: 2, spooled: 0, deadLettered: 0, dropped: 0, undelivered: 0 };
    expect(summaryOf(app)).toMatchObject({ runId, report: delivered, sent: 2 });

    const records = await storedRecords(runId);
    const outcomes = records.map((record) => `${record.operation_type} ${record.status}`).sort();
    expect(outcomes).toEqual(['export_to_1c success', 'sync_changes error']);
    expect(records.find((record) => record.status === 'error')).toMatchObject({ error_message: '1C answered 503' });
  });

  it.each(['esm-app', 'cjs-app'])(
    '%s: the installed declarations reject misuse in every part of the package: the app is checked against them',
    (name) => {
      const { compileErrors, misuseFile } = example(name);
      const rejected = compileErrors.filter((error) => error.file === misuseFile);
      expect(rejected.map((error) => `${error.line} ${error.code}`)).toEqual(['3 TS2322', '4 TS2322', '6 TS2322']);
    },
  );

  it.each(['esm-app', 'cjs-app'])(
    '%s: npm ls --omit=dev --all lists the shipper and its client but none of the service packages',
    (name) => {
      const installed = packageNames(JSON.parse(example(name).productionTree.stdout));
      expect(installed).toContain('@synclog/shipper');
      expect(installed).toContain('@opensearch-project/opensearch');
      expect(SERVICE_PACKAGES.filter((banned) => installed.has(banned))).toEqual([]);
    },
  );
});
