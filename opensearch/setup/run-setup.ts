import { installAlerting, type AlertingSetup } from '../alerting/alerting-install.ts';
import type { OpenSearchClient } from '../client/create-client.ts';
import { deadLetterMapping } from '../record/dead-letter.ts';
import { detectCapabilities, type ClusterCapabilities } from './cluster-capabilities.ts';
import { ensureAutoCreateExcludesLogs } from './ensure-auto-create.ts';
import { catIndices } from '../lifecycle/lifecycle-facts.ts';
import { attachIsmPolicy, installIsmPolicy, ismPolicyId } from '../lifecycle/ism-install.ts';
import { renderIsmPolicy } from '../lifecycle/ism-policy.ts';
import { ensureIndex, type IndexBody } from './ensure-index.ts';
import { ensureReadAlias } from './ensure-read-alias.ts';
import { hasHotAndColdNodes } from './node-temperatures.ts';
import { ensureArchiveRepository } from './ensure-repository.ts';
import { ensureTemplate } from './ensure-template.ts';
import { accessLogIndexBody, exportsIndexBody } from './access-log-index.ts';
import { reviewedIndexBody, reviewsIndexBody } from './review-indices.ts';
import { holdsIndexBody, retentionLogIndexBody } from './retention-indices.ts';
import { reportDeliveriesIndexBody } from './report-indices.ts';
import { alertEventsIndexBody, alertsIndexBody, alertStateIndexBody } from './alert-indices.ts';
import { schedulerRunsIndexBody, schedulerStateIndexBody } from './scheduler-indices.ts';
import { logTemplates } from './log-templates.ts';
import type { SetupChange } from './setup-change.ts';
import type { SetupConfig } from './setup-config.ts';
import { ensureSetupMetadata, metaIndexBody, setupMetadata } from './setup-metadata.ts';

export interface SetupReport {
  readonly capabilities: ClusterCapabilities;
  readonly changes: readonly SetupChange[];
}

/**
 * Applies synclog's cluster resources idempotently, in dependency order, and reports for each
 * whether it was created, updated or left unchanged. A second run with the same configuration
 * changes nothing.
 */
export async function runSetup(client: OpenSearchClient, config: SetupConfig, alerting?: AlertingSetup): Promise<SetupReport> {
  const capabilities = await detectCapabilities(client);
  const { names } = config;
  const hotColdNodes = await hasHotAndColdNodes(client);
  const templates = logTemplates(names, config.index, { hotColdNodes });
  const changes: SetupChange[] = [];
  changes.push(await ensureTemplate(client, 'component template', templates.settingsComponent.name, templates.settingsComponent.body));
  changes.push(await ensureTemplate(client, 'component template', templates.mappingsComponent.name, templates.mappingsComponent.body));
  changes.push(await ensureTemplate(client, 'index template', templates.indexTemplate.name, templates.indexTemplate.body));
  changes.push(await ensureAutoCreateExcludesLogs(client, names.logsPattern));
  changes.push(await ensureReadAlias(client, names));
  changes.push(await ensureArchiveRepository(client, config.archive));
  // synclog's own indices, each with a mapping of its own.
  const ownIndices: ReadonlyArray<readonly [string, IndexBody]> = [
    [names.deadLetter, { mappings: deadLetterMapping() }],
    [names.meta, metaIndexBody],
    [names.schedulerLeases, schedulerStateIndexBody],
    [names.schedulerRuns, schedulerRunsIndexBody],
    [names.retentionLog, retentionLogIndexBody],
    [names.holds, holdsIndexBody],
    [names.accessLog, accessLogIndexBody],
    [names.exports, exportsIndexBody],
    [names.reviews, reviewsIndexBody],
    [names.reviewed, reviewedIndexBody],
    [names.reportDeliveries, reportDeliveriesIndexBody],
    [names.alertState, alertStateIndexBody],
    [names.alerts, alertsIndexBody],
    [names.alertEvents, alertEventsIndexBody],
  ];
  for (const [name, body] of ownIndices) changes.push(await ensureIndex(client, name, body));
  if (capabilities.executors.retention === 'ism') {
    const body = renderIsmPolicy(config.lifecycle, { target: config.retentionTarget, unit: config.period, indexPattern: names.logsPattern, coldNodes: hotColdNodes });
    const installed = await installIsmPolicy(client, ismPolicyId(names.prefix), body);
    changes.push(installed.change);
    const indices = (await catIndices(client, names)).map((row) => row.index);
    changes.push(...(await attachIsmPolicy(client, ismPolicyId(names.prefix), installed.seqNo, indices)));
  }
  // Where the cluster has the Alerting and Notifications plugins, they run the rules.
  if (capabilities.executors.alerting === 'alerting-plugin' && alerting) changes.push(...(await installAlerting(client, names, alerting)));
  changes.push(await ensureSetupMetadata(client, names.meta, setupMetadata(config, capabilities)));
  return { capabilities, changes };
}
