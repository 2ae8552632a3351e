import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importGraph, type ImportEdge } from './import-graph.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const manifest = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));
const shipperPackage = manifest('./package.json');
const rootPackage = manifest('../../package.json');
const graph = importGraph(root, 'shipper/index.ts');

/** What an app that only logs must never load: the service, the CLI, tests, the node launcher, the installers. */
const OUTSIDE_THE_SHIPPER = [
  /^(query-api|cli|bin|test|bench|dashboards)\//,
  /^opensearch\/(local|setup|lifecycle|alerting)\//,
  /\/fixtures\/|\.test\.ts$/,
];
const outside = (path: string) => OUTSIDE_THE_SHIPPER.some((pattern) => pattern.test(path));

const edgeText = (edge: ImportEdge) => `${edge.from} -> ${edge.to}`;
const edgesText = (edges: readonly ImportEdge[]) => [...new Set(edges.map(edgeText))];
const dependencies = Object.keys(shipperPackage.dependencies ?? {});
const peers = Object.keys(shipperPackage.peerDependencies ?? {});
const peerMeta: Record<string, { optional?: boolean }> = shipperPackage.peerDependenciesMeta ?? {};
const optionalPeers = Object.keys(peerMeta).filter((name) => peerMeta[name]?.optional === true);

describe('the import graph of @synclog/shipper (from shipper/index.ts)', () => {
  it('reaches the shipper and the base-layer files it writes with, not the service, CLI, launcher, setup, lifecycle or alerting', () => {
    expect(graph.files).toContain('shipper/transport/opensearch-transport.ts');
    expect(graph.files).toContain('opensearch/record/schema.ts');
    expect(edgesText(graph.local.filter((edge) => outside(edge.to)))).toEqual([]);
  });

  it('imports other files by their .ts name only, which the build rewrites to the .js it emits', () => {
    expect(edgesText(graph.local.filter((edge) => !edge.specifier.endsWith('.ts')))).toEqual([]);
  });

  it('imports no package but its dependencies, its peers and Node built-ins', () => {
    const allowed = new Set([...dependencies, ...peers]);
    const builtin = (name: string) => name.startsWith('node:') && builtinModules.includes(name.slice('node:'.length));
    const foreign = graph.packages.filter((edge) => !allowed.has(edge.to) && !builtin(edge.to));
    expect(edgesText(foreign)).toEqual([]);
  });

  it('uses every dependency and every required peer it declares', () => {
    const imported = new Set(graph.packages.map((edge) => edge.to));
    const required = [...dependencies, ...peers.filter((name) => !optionalPeers.includes(name))];
    expect(required.filter((name) => !imported.has(name))).toEqual([]);
  });

  it('declares the version ranges synclog itself is built and tested with', () => {
    const tested = { ...rootPackage.dependencies, ...rootPackage.devDependencies };
    const declared = { ...shipperPackage.dependencies, ...shipperPackage.peerDependencies };
    const drift = Object.entries(declared).filter(([name, range]) => name in tested && tested[name] !== range);
    expect(drift).toEqual([]);
  });
});
