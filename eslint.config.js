// Lint keeps the layering honest: which folder may import which, and no import cycles.
// Formatting is prettier's business, so no stylistic rule is enabled here.
import { defineConfig, globalIgnores } from 'eslint/config';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/** Tests, test support, fixtures and benchmarks may import anything: they assemble the layers. */
const TEST_CODE = ['**/*.test.ts', 'test/**', 'bench/**', '**/fixtures/**'];

/**
 * opensearch/ from the bottom up. A folder imports only from the layers below its own, never
 * from a sibling in its layer, so the folders cannot form a cycle. The shipper's write path
 * (log-indices and everything under it) thereby loads no installer: setup, lifecycle, alerting
 * and local sit above it. A new folder joins the layer its imports allow.
 */
const OPENSEARCH_LAYERS = [
  ['record', 'shared', 'query', 'i18n'],
  ['config'],
  ['client'],
  ['capacity', 'cluster', 'lifecycle-policy'],
  ['metadata'],
  ['log-indices'],
  ['lifecycle', 'alerting'],
  ['setup'],
  ['local'],
];

const opensearchZones = OPENSEARCH_LAYERS.flatMap((layer, level) => {
  const notBelow = OPENSEARCH_LAYERS.slice(level).flat();
  return layer
    .map((folder) => ({
      target: `./opensearch/${folder}`,
      from: notBelow.filter((other) => other !== folder).map((other) => `./opensearch/${other}`),
      message: `opensearch/${folder} sits below these folders (see OPENSEARCH_LAYERS in eslint.config.js); move the shared piece down instead.`,
    }))
    .filter((zone) => zone.from.length > 0);
});

/** The layers of the repository: a layer never imports the one above it. */
const layerZones = [
  {
    target: './opensearch',
    from: ['./shipper', './query-api', './cli', './bin'],
    message: 'opensearch/ is the base layer.',
  },
  {
    target: './shipper',
    from: ['./query-api', './cli', './bin'],
    message: 'the shipper sits below the service and the CLI.',
  },
  { target: './query-api', from: ['./cli', './bin'], message: 'the service sits below the CLI.' },
  {
    target: ['./opensearch', './shipper', './query-api', './cli', './bin', './dashboards'],
    from: ['./test', './bench'],
    message: 'test data and benchmarks are development code: production code never loads them.',
  },
];

export default defineConfig([
  globalIgnores(['**/node_modules/', 'dist/', 'packages/*/dist/', 'coverage/']),
  {
    files: ['**/*.{ts,mts,cts}'],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 2023, sourceType: 'module' },
  },
  {
    files: ['**/*.{ts,mts,cts,js,mjs}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.mts', '.js', '.mjs', '.json', '.node'] })],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.mts', '.cts'] },
      'import-x/extensions': ['.ts', '.mts', '.cts', '.js', '.mjs'],
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Type-only imports are ignored by the rule: they vanish at run time. A cycle cannot pass
      // through a package, so packages are not walked (they were most of the rule's time).
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      // Barrels export by name.
      'import-x/avoid-re-export-all': 'error',
      'import-x/no-restricted-paths': ['error', { zones: [...layerZones, ...opensearchZones] }],
      'no-debugger': 'error',
      'no-dupe-keys': 'error',
      'no-self-compare': 'error',
      'no-unreachable': 'error',
    },
  },
  {
    files: TEST_CODE,
    rules: {
      'import-x/no-restricted-paths': 'off',
      // A test cannot close a cycle (nothing imports it); skipping it saves re-walking the graph.
      'import-x/no-cycle': 'off',
    },
  },
]);
