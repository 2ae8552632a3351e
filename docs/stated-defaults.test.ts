import { readdirSync, readFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPENSEARCH_VERSION } from '../opensearch/local/local-cluster.ts';
import { configVariables } from '../query-api/config/config-variables.ts';
import { serviceConfigFromEnv } from '../query-api/config/service-config.ts';
import type { OpenSearchTransportOptions } from '../shipper/index.ts';
import {
  resolveShipperOptions,
  shipperOptionsSchema,
  type ShipperOptionsInput,
} from '../shipper/options/shipper-options.ts';
import { codeSpans, nameOf, rowsOf } from './markdown-tables.ts';

const root = join(import.meta.dirname, '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

/** What a default cell states: `required`, `unset[: …]`, `none` (an empty list), or code literals. */
type Stated =
  { kind: 'required' } | { kind: 'unset'; spans: string[] } | { kind: 'none' } | { kind: 'literal'; spans: string[] };

function stated(cell: string): Stated {
  if (/^required\b/.test(cell)) return { kind: 'required' };
  if (/^unset\b/.test(cell)) return { kind: 'unset', spans: codeSpans(cell) };
  if (/^none\b/.test(cell)) return { kind: 'none' };
  const spans = codeSpans(cell);
  if (spans.length === 0)
    throw new Error(`a default must be \`required\`, \`unset\`, \`none\` or a code literal, got "${cell}"`);
  return { kind: 'literal', spans };
}

/** Why a stated default differs from the code's value, or null when they agree. */
function mismatch(actual: unknown, cell: string): string | null {
  const s = stated(cell);
  const got = JSON.stringify(actual);
  if (s.kind === 'required') return 'stated as required, but the code has a value for it';
  if (s.kind === 'unset') return actual === undefined ? null : `stated unset, the code uses ${got}`;
  if (s.kind === 'none')
    return Array.isArray(actual) && actual.length === 0 ? null : `stated none, the code uses ${got}`;
  if (Array.isArray(actual)) {
    const items = actual.map((x: unknown) =>
      typeof x === 'object' && x !== null && 'name' in x ? String(x.name) : String(x),
    );
    return JSON.stringify(items) === JSON.stringify(s.spans)
      ? null
      : `stated ${JSON.stringify(s.spans)}, the code uses ${JSON.stringify(items)}`;
  }
  const literal = s.spans[0]!;
  const value: unknown =
    typeof actual === 'number'
      ? Number(literal.replaceAll('_', ''))
      : typeof actual === 'object' && actual !== null
        ? JSON.parse(literal)
        : literal;
  const same = typeof actual === 'boolean' ? literal === String(actual) : JSON.stringify(value) === got;
  return same ? null : `stated ${literal}, the code uses ${got}`;
}

const mismatches = (rows: ReadonlyArray<Record<string, string>>, first: string, actualOf: (name: string) => unknown) =>
  rows.flatMap((row) => {
    const name = nameOf(row[first]!);
    const problem = mismatch(actualOf(name), row.default!);
    return problem ? [`${name}: ${problem}`] : [];
  });

describe('docs/shipping-logs.md options', () => {
  const rows = rowsOf(read('docs/shipping-logs.md'), 'option', 'default');
  const documented = rows.map((row) => nameOf(row.option!));
  // Options the transport takes beside the validated ones; the type check below keeps this list complete.
  const transportOnly = ['client', 'registry', 'syncMetrics', 'level', 'format', 'clock'] as const;
  type Unlisted = Exclude<keyof OpenSearchTransportOptions, keyof ShipperOptionsInput | (typeof transportOnly)[number]>;
  const everyTransportOptionListed: [Unlisted] extends [never] ? true : false = true;
  const required = { service: 'crm-1c-sync' } satisfies ShipperOptionsInput;
  const parsed: Record<string, unknown> = shipperOptionsSchema.parse(required);
  const resolved = resolveShipperOptions(required);

  it('documents every option the transport takes, and no other', () => {
    expect(everyTransportOptionListed).toBe(true);
    expect([...documented].sort()).toEqual([...Object.keys(shipperOptionsSchema.shape), ...transportOnly].sort());
  });

  it('states each validated option’s default as the schema fills it in', () => {
    const schemaRows = rows.filter(
      (row) => nameOf(row.option!) in shipperOptionsSchema.shape && !(nameOf(row.option!) in required),
    );
    expect(mismatches(schemaRows, 'option', (name) => parsed[name])).toEqual([]);
  });

  it('marks as required exactly the options the schema refuses to go without', () => {
    const missing = shipperOptionsSchema.safeParse({}).error?.issues.map((issue) => String(issue.path[0])) ?? [];
    expect(rows.filter((row) => stated(row.default!).kind === 'required').map((row) => nameOf(row.option!))).toEqual(
      missing,
    );
  });

  it('states the spool directory the transport derives when none is given', () => {
    const cell = rows.find((row) => nameOf(row.option!) === 'spoolDir')!.default!;
    const derived = codeSpans(cell).map((span) =>
      span.replace('<tmpdir>', tmpdir()).replace('<service>', required.service),
    );
    expect(derived).toContain(resolved.spoolDir);
  });

  it('leaves transport-only options unset by default', () => {
    const transportRows = rows.filter((row) => !(nameOf(row.option!) in shipperOptionsSchema.shape));
    expect(transportRows.map((row) => stated(row.default!).kind)).toEqual(transportRows.map(() => 'unset'));
  });
});

/** Every variable the service and CLI read through their configuration, with the default its schema applies. */
const variables = configVariables();
const knownVariables = new Set(variables.map((v) => v.variable));
const envDefaults: Record<string, unknown> = Object.fromEntries(variables.map((v) => [v.variable, v.default]));
const emptyConfig = serviceConfigFromEnv({});

/** Defaults computed from an unset variable outside its schema, as the code computes them. */
const derivedDefaults: Record<string, () => string> = {
  SYNCLOG_ARCHIVE_REPOSITORY: () => emptyConfig.setup.archive.name,
  SYNCLOG_OPENSEARCH_VERSION: () => OPENSEARCH_VERSION,
  SYNCLOG_HOME: () => emptyConfig.home.replace(homedir(), '~'),
};

/** Names in the code that look like variables but are not read from the environment. */
const NOT_VARIABLES = new Set([
  'OPENSEARCH_VERSION', // the local node's default version, a constant
  'OPENSEARCH_PATH_CONF', // set for the node's own process, never read by synclog
]);

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(ts|js|mjs)$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('docs/configuration.md variables', () => {
  const text = read('docs/configuration.md');
  const rows = rowsOf(text, 'variable', 'default');
  const documented = rows.map((row) => nameOf(row.variable!));
  const others = rowsOf(text, 'variable', 'read by').map((row) => nameOf(row.variable!));

  it('documents every variable the configuration schemas read, once, and no other', () => {
    expect([...documented].sort()).toEqual([...knownVariables].sort());
  });

  it('states each variable’s default as its schema applies it', () => {
    expect(mismatches(rows, 'variable', (name) => envDefaults[name])).toEqual([]);
  });

  it('names the default the code derives for a variable left unset', () => {
    const missing = Object.entries(derivedDefaults).flatMap(([name, derive]) => {
      const cell = rows.find((row) => nameOf(row.variable!) === name)?.default ?? '';
      return codeSpans(cell).includes(derive()) ? [] : [`${name}: "${cell}" does not name ${derive()}`];
    });
    expect(missing).toEqual([]);
  });

  it('lists among the other variables only names the code reads outside the schemas', () => {
    const code = ['cli', 'opensearch', 'query-api', 'shipper', 'test'].flatMap((dir) =>
      readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.ts') && !f.includes('node_modules'))
        .map((f) => read(join(dir, f))),
    );
    const corpus = [...code, read('docker-compose.yml')].join('\n');
    expect(others.filter((name) => knownVariables.has(name) || !new RegExp(`\\b${name}\\b`).test(corpus))).toEqual([]);
  });

  it('documents every variable name the service, CLI, shipper and test setup mention', () => {
    const mentioned = new Set(
      ['bin', 'cli', 'opensearch', 'query-api', 'shipper', 'test']
        .flatMap(sourceFiles)
        .flatMap((file) => [...read(file).matchAll(/\b(?:SYNCLOG|OPENSEARCH)_[A-Z0-9_]*[A-Z0-9]\b/g)].map((m) => m[0])),
    );
    const undocumented = [...mentioned].filter(
      (name) => !NOT_VARIABLES.has(name) && !documented.includes(name) && !others.includes(name),
    );
    expect(undocumented.sort()).toEqual([]);
  });
});
