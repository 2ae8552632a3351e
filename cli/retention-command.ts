import { userInfo } from 'node:os';
import { openSearchEnvSchema } from '../opensearch/config/env.ts';
import { ConfigError, parseEnv } from '../opensearch/config/parse-env.ts';
import { holdIndex, releaseIndex } from '../opensearch/lifecycle/legal-hold.ts';
import { runLifecyclePass, type IndexOutcome } from '../opensearch/lifecycle/lifecycle-runner.ts';
import { setupConfigFromEnv } from '../opensearch/setup/setup-config.ts';
import { connect } from './connect.ts';

/**
 * `synclog retention status|run [--dry-run]|hold <index> --reason R|release <index>` [--json]:
 * what the lifecycle runner would do to each log index, one pass now (what the daily job runs),
 * and legal holds. `run` exits 1 when a step failed.
 */
export async function retentionCommand(
  action: string | undefined,
  args: readonly string[],
  values: { 'dry-run'?: boolean | undefined; json?: boolean | undefined; reason?: string | undefined },
  env: Record<string, string | undefined>,
  say: (line: string) => void,
): Promise<number> {
  if (!['status', 'run', 'hold', 'release'].includes(action ?? '')) {
    throw new ConfigError([{ variable: 'retention', message: 'expected status, run, hold <index> --reason R or release <index>' }]);
  }
  if ((action === 'hold' || action === 'release') && !args[0]) throw new ConfigError([{ variable: `retention ${action}`, message: 'name the index' }]);
  if (action === 'hold' && !values.reason) throw new ConfigError([{ variable: '--reason', message: 'say why the index is held' }]);
  const openSearchEnv = parseEnv(openSearchEnvSchema, env);
  const config = setupConfigFromEnv(openSearchEnv);
  const { client } = await connect(openSearchEnv, env, (line) => !values.json && say(line));
  const by = `cli:${userInfo().username}`;
  try {
    if (action === 'hold') {
      await holdIndex(client, config.names, { index: args[0]!, reason: values.reason!, by, at: new Date() });
      say(`${args[0]} is on hold: it will not be deleted until released`);
      return 0;
    }
    if (action === 'release') {
      const released = await releaseIndex(client, config.names, args[0]!);
      say(released ? `${args[0]} is released` : `${args[0]} was not on hold`);
      return released ? 0 : 1;
    }
    const outcomes = await runLifecyclePass({ client, names: config.names, policy: config.lifecycle, now: () => new Date(), by }, { dryRun: action === 'status' || values['dry-run'] === true });
    if (values.json) say(JSON.stringify(outcomes, null, 2));
    else if (outcomes.length === 0) say('no log indices to manage (or ISM is the retention executor here)');
    else for (const outcome of outcomes) say(line(outcome));
    return outcomes.some((o) => o.outcome === 'failed') ? 1 : 0;
  } finally {
    await client.close();
  }
}

function line(o: IndexOutcome): string {
  const what = o.outcome === 'waiting' ? 'hot or cold, nothing due' : o.outcome === 'planned' ? `${o.action} is due` : `${o.action}: ${o.outcome}`;
  return `${o.index}  ${what}${o.detail ? ` (${o.detail})` : ''}`;
}
