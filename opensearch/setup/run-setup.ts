import { installAlerting, type AlertingSetup } from '../alerting/alerting-install.ts';
import type { OpenSearchClient } from '../client/create-client.ts';
import type { ShardBudget } from '../capacity/shard-budget.ts';
import { checkShardBudget } from './check-shard-budget.ts';
import { detectCapabilities, type ClusterCapabilities } from '../cluster/cluster-capabilities.ts';
import { ensureAutoCreateExcludesLogs } from './ensure-auto-create.ts';
import { catIndices } from '../lifecycle/lifecycle-facts.ts';
import { attachIsmPolicy, installIsmPolicy } from '../lifecycle/ism-install.ts';
import { holdsOn, readHolds } from '../lifecycle-policy/held-indices.ts';
import { ismPolicyId } from '../lifecycle-policy/ism-policy-id.ts';
import { renderIsmPolicy } from '../lifecycle/ism-policy.ts';
import { ensureIndex } from './ensure-index.ts';
import { ensureReadAlias } from './ensure-read-alias.ts';
import { hasHotAndColdNodes } from '../cluster/node-temperatures.ts';
import { ensureArchiveRepository } from './ensure-repository.ts';
import { ensureTemplate } from './ensure-template.ts';
import { logTemplates } from './log-templates.ts';
import { ownIndices } from './own-indices.ts';
import type { SetupChange } from '../shared/setup-change.ts';
import type { SetupConfig } from './setup-config.ts';
import { ensureSetupMetadata, setupMetadata } from './setup-metadata.ts';
import { updateLogMappings } from './update-log-mappings.ts';

export interface SetupReport {
  readonly capabilities: ClusterCapabilities;
  readonly changes: readonly SetupChange[];
  /** The configuration's steady-state shard use against the cluster's capacity. */
  readonly shardBudget: ShardBudget;
  /** Past a warning line (shards per GiB of heap, share of capacity), one sentence each. */
  readonly warnings: readonly string[];
}

/**
 * Applies synclog's cluster resources idempotently, in dependency order, and reports for each
 * whether it was created, updated or left unchanged. A second run with the same configuration
 * changes nothing. A configuration the cluster cannot hold (its shard budget) is refused with a
 * `ShardBudgetError` before anything is created.
 */
export async function runSetup(
  client: OpenSearchClient,
  config: SetupConfig,
  alerting?: AlertingSetup,
): Promise<SetupReport> {
  const capabilities = await detectCapabilities(client);
  const { budget: shardBudget, warnings } = await checkShardBudget(client, config);
  const { names } = config;
  const hotColdNodes = await hasHotAndColdNodes(client);
  const templates = logTemplates(names, config.index, { hotColdNodes });
  const changes: SetupChange[] = [];
  changes.push(
    await ensureTemplate(
      client,
      'component template',
      templates.settingsComponent.name,
      templates.settingsComponent.body,
    ),
  );
  changes.push(
    await ensureTemplate(
      client,
      'component template',
      templates.mappingsComponent.name,
      templates.mappingsComponent.body,
    ),
  );
  changes.push(
    await ensureTemplate(client, 'index template', templates.indexTemplate.name, templates.indexTemplate.body),
  );
  changes.push(await ensureAutoCreateExcludesLogs(client, names.logsPattern));
  changes.push(await ensureReadAlias(client, names));
  changes.push(await ensureArchiveRepository(client, config.archive));
  for (const [name, body] of ownIndices(names)) changes.push(await ensureIndex(client, name, body));
  // Log indices created before the mapping gained fields get them now (the template reaches only new ones).
  changes.push(...(await updateLogMappings(client, names)));
  if (capabilities.executors.retention === 'ism') {
    const body = renderIsmPolicy(config.lifecycle, {
      target: config.retentionTarget,
      unit: config.period,
      indexPattern: names.logsPattern,
      coldNodes: hotColdNodes,
    });
    const installed = await installIsmPolicy(client, ismPolicyId(names.prefix), body);
    changes.push(installed.change);
    // A held index stays out of ISM (`retention hold` took it out); its release gives it back.
    const holds = await readHolds(client, names);
    const indices = (await catIndices(client, names))
      .map((row) => row.index)
      .filter((index) => holdsOn(holds, index, names.periodOfIndex(index)!).length === 0);
    changes.push(...(await attachIsmPolicy(client, ismPolicyId(names.prefix), installed.seqNo, indices)));
  }
  // Where the cluster has the Alerting and Notifications plugins, they run the rules.
  if (capabilities.executors.alerting === 'alerting-plugin' && alerting)
    changes.push(...(await installAlerting(client, names, alerting)));
  changes.push(await ensureSetupMetadata(client, names.meta, setupMetadata(config, capabilities)));
  return { capabilities, changes, shardBudget, warnings };
}
