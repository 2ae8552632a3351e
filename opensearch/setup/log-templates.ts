import { recordAnalysis, recordMapping } from '../record/mapping.ts';
import type { IndexNames } from '../record/index-names.ts';

export interface LogIndexSettings {
  readonly shards: number;
  /** `undefined`: one replica as soon as the cluster has a second node (`auto_expand_replicas 0-1`). */
  readonly replicas: number | undefined;
}

export interface TemplateBodies {
  readonly settingsComponent: { name: string; body: Record<string, unknown> };
  readonly mappingsComponent: { name: string; body: Record<string, unknown> };
  readonly indexTemplate: { name: string; body: Record<string, unknown> };
}

/**
 * The log indices' templates: settings and mappings as component templates, composed by one index
 * template that matches only the managed log indices and attaches the read alias to each.
 */
export function logTemplates(
  names: IndexNames,
  settings: LogIndexSettings,
  topology: { readonly hotColdNodes: boolean } = { hotColdNodes: false },
): TemplateBodies {
  const replicas =
    settings.replicas === undefined
      ? { auto_expand_replicas: '0-1' }
      : { number_of_replicas: settings.replicas, auto_expand_replicas: false };
  const settingsName = `${names.prefix}-logs-settings`;
  const mappingsName = `${names.prefix}-logs-mappings`;
  return {
    settingsComponent: {
      name: settingsName,
      body: {
        template: {
          settings: {
            index: {
              number_of_shards: settings.shards,
              ...replicas,
              refresh_interval: '1s',
              // On a cluster with temp=hot and temp=cold nodes, new (hot) indices live on the hot ones.
              ...(topology.hotColdNodes ? { 'routing.allocation.require.temp': 'hot' } : {}),
            },
          },
        },
      },
    },
    // The e-mail normaliser travels with the mapping that uses it: each component must validate alone.
    mappingsComponent: {
      name: mappingsName,
      body: { template: { settings: { analysis: recordAnalysis() }, mappings: recordMapping() } },
    },
    indexTemplate: {
      name: `${names.prefix}-logs`,
      body: {
        index_patterns: [names.logsPattern],
        composed_of: [settingsName, mappingsName],
        priority: 200,
        template: { aliases: { [names.readAlias]: {} } },
      },
    },
  };
}
