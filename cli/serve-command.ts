import { serviceConfigFromEnv } from '../query-api/config/service-config.ts';
import { createService } from '../query-api/create-service.ts';
import { checkSetupDrift } from '../query-api/health/setup-drift.ts';
import { connect } from './connect.ts';
import { alertingSetupOf, setupCommand } from './setup-command.ts';

/**
 * `synclog serve`: validates all configuration first (a bad value stops start-up naming the
 * variable), connects (or starts the local node), applies setup, then serves and runs the
 * scheduled jobs until SIGINT/SIGTERM.
 */
export async function serveCommand(
  env: Record<string, string | undefined>,
  say: (line: string) => void,
): Promise<number> {
  const config = serviceConfigFromEnv(env);
  const { client } = await connect(config.opensearch, env, say);
  const service = createService(config, { client, say });
  // Read before setup re-applies this configuration: what this start changes on the cluster is worth a line.
  for (const line of await checkSetupDrift(client, config.setup, { setupFollows: true }))
    say(`warning: ${line}; this start applies its own configuration`);
  await setupCommand(client, config.setup, say, alertingSetupOf(config.alerts));
  const url = await service.start();
  // Listening before the line that says so: a supervisor that stops the service as soon as it
  // reads it gets a clean stop, not a kill.
  const stopRequested = new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  const jobs = service.jobs.map((j) => `${j.name}${j.enabled ? '' : ' (disabled)'}`).join(', ');
  say(
    `synclog is serving on ${url} (GET /health and /openapi.json without a token, the rest with one; the console at ${url}/console); scheduler instance ${service.instanceId}, jobs: ${jobs}`,
  );
  await stopRequested;
  say('stopping');
  await service.stop();
  await client.close();
  return 0;
}
