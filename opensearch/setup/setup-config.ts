import type { OpenSearchEnv } from '../config/env.ts';
import { ConfigError } from '../config/parse-env.ts';
import { defaultLifecyclePolicy, type LifecyclePolicy } from '../lifecycle-policy/lifecycle-policy.ts';
import { indexNames, type IndexNames } from '../record/index-names.ts';
import { DEFAULT_CLOCK_SKEW_MS, type EventWindowOptions } from '../record/event-window.ts';
import type { IndexPeriod } from '../record/index-period.ts';
import type { ArchiveRepositoryConfig } from './ensure-repository.ts';
import type { LogIndexSettings } from './log-templates.ts';
import { setupVocabularies, type SetupVocabularies } from './setup-vocabularies.ts';

/** Everything setup applies, derived from configuration (the source of truth). */
export interface SetupConfig {
  readonly names: IndexNames;
  readonly period: IndexPeriod;
  readonly index: LogIndexSettings;
  readonly lifecycle: LifecyclePolicy;
  readonly archive: ArchiveRepositoryConfig;
  /** Where ISM (when the cluster has it) runs the policy: self-managed nodes, or Amazon OpenSearch Service. */
  readonly retentionTarget: 'self-managed' | 'aws';
  /** How far ahead of now an event time is still believed; default 5 minutes (`DEFAULT_CLOCK_SKEW_MS`). */
  readonly clockSkewMs?: number;
  /** The operation types and statuses with their labels; default the story's (`STORY_VOCABULARIES`). */
  readonly vocabularies?: SetupVocabularies;
}

/** The event times the configuration accepts: what setup records, and what the shard budget counts periods over. */
export function eventWindowOf(config: SetupConfig): EventWindowOptions {
  return {
    deleteDays: config.lifecycle.delete_days,
    clockSkewMs: config.clockSkewMs ?? DEFAULT_CLOCK_SKEW_MS,
    period: config.period,
  };
}

export function setupConfigFromEnv(env: OpenSearchEnv): SetupConfig {
  const names = indexNames(env.SYNCLOG_INDEX_PREFIX);
  const repository = env.SYNCLOG_ARCHIVE_REPOSITORY ?? `${names.prefix}-archive`;
  if (env.SYNCLOG_RETENTION_DELETE_DAYS <= env.SYNCLOG_RETENTION_HOT_DAYS) {
    throw new ConfigError([
      { variable: 'SYNCLOG_RETENTION_DELETE_DAYS', message: 'must be greater than SYNCLOG_RETENTION_HOT_DAYS' },
    ]);
  }
  if (env.SYNCLOG_ARCHIVE_KEEP_DAYS < env.SYNCLOG_RETENTION_DELETE_DAYS) {
    throw new ConfigError([
      { variable: 'SYNCLOG_ARCHIVE_KEEP_DAYS', message: 'must be at least SYNCLOG_RETENTION_DELETE_DAYS' },
    ]);
  }
  return {
    names,
    period: env.SYNCLOG_INDEX_PERIOD,
    index: { shards: env.SYNCLOG_INDEX_SHARDS, replicas: env.SYNCLOG_INDEX_REPLICAS },
    clockSkewMs: env.SYNCLOG_CLOCK_SKEW_MS,
    vocabularies: setupVocabularies(env.SYNCLOG_VOCABULARY_FILE),
    lifecycle: defaultLifecyclePolicy({
      hot_days: env.SYNCLOG_RETENTION_HOT_DAYS,
      delete_days: env.SYNCLOG_RETENTION_DELETE_DAYS,
      archive_keep_days: env.SYNCLOG_ARCHIVE_KEEP_DAYS,
      archive_repository: repository,
    }),
    retentionTarget: env.SYNCLOG_RETENTION_TARGET,
    archive: {
      name: repository,
      type: env.SYNCLOG_ARCHIVE_TYPE,
      location: env.SYNCLOG_ARCHIVE_LOCATION,
      roleArn: env.SYNCLOG_ARCHIVE_ROLE_ARN,
    },
  };
}
