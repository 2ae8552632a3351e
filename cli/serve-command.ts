import { openSearchEnvSchema } from '../opensearch/config/env.ts';
import { parseEnv } from '../opensearch/config/parse-env.ts';
import { setupConfigFromEnv } from '../opensearch/setup/setup-config.ts';
import { createApp } from '../query-api/create-app.ts';
import { serviceEnvSchema } from '../query-api/service-env.ts';
import { startServer } from '../query-api/start-server.ts';
import { connect } from './connect.ts';
import { setupCommand } from './setup-command.ts';

/**
 * `synclog serve`: validates all configuration first (a bad value stops start-up naming the
 * variable), connects (or starts the local node), applies setup, then serves until SIGINT/SIGTERM.
 */
export async function serveCommand(env: Record<string, string | undefined>, say: (line: string) => void): Promise<number> {
  const openSearchEnv = parseEnv(openSearchEnvSchema, env);
  const serviceEnv = parseEnv(serviceEnvSchema, env);
  const config = setupConfigFromEnv(openSearchEnv);
  const { client } = await connect(openSearchEnv, env, say);
  await setupCommand(client, config, say);
  const server = await startServer(createApp({ client }), serviceEnv.PORT, serviceEnv.SYNCLOG_HTTP_HOST);
  say(`synclog is serving on ${server.url} (GET /health)`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  say('stopping');
  await server.close();
  await client.close();
  return 0;
}
