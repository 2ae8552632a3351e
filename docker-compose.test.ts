import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openSearchEnvSchema } from './opensearch/config/env.ts';
import { parseEnv } from './opensearch/config/parse-env.ts';
import { OPENSEARCH_VERSION } from './opensearch/local/local-cluster.ts';
import { setupConfigFromEnv } from './opensearch/setup/setup-config.ts';
import { authEnvSchema } from './query-api/auth/api-tokens.ts';
import { alertEnvSchema } from './query-api/alerts/alert-env.ts';
import { reportDeliveryEnvSchema } from './query-api/reports/delivery/report-delivery-env.ts';
import { schedulerEnvSchema } from './query-api/scheduler/scheduler-config.ts';
import { serviceEnvSchema } from './query-api/service-env.ts';
import {
  command,
  compose,
  composePath,
  dependency,
  environment,
  rawEnvironment,
  SAMPLE_VARIABLES,
  service,
} from './test/compose-file.ts';

const dockerfilePath = fileURLToPath(new URL('./Dockerfile', import.meta.url));

/** The `ENV` instructions of the Dockerfile (`ENV KEY=value ...` form). */
function dockerfileEnvironment(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of readFileSync(dockerfilePath, 'utf8').split('\n')) {
    const instruction = /^ENV\s+(.*)$/.exec(line.trim());
    if (!instruction) continue;
    for (const pair of instruction[1]!.split(/\s+/)) {
      const at = pair.indexOf('=');
      if (at > 0) env[pair.slice(0, at)] = pair.slice(at + 1).replace(/^"(.*)"$/, '$1');
    }
  }
  return env;
}

const SYNCLOG_SERVICES = ['synclog-setup', 'synclog'] as const;
const NODES = { 'opensearch-hot': 'hot', 'opensearch-cold': 'cold' } as const;

describe('docker-compose.yml', () => {
  it('is valid YAML with the OpenSearch nodes, Dashboards, the setup job, the service and its monitoring', () => {
    expect(Object.keys(compose.services)).toEqual(
      expect.arrayContaining([
        'opensearch-hot',
        'opensearch-cold',
        'opensearch-dashboards',
        'synclog-setup',
        'synclog',
        'prometheus',
        'alertmanager',
        'grafana',
      ]),
    );
  });

  it('passes Compose v1.29 validation when its required variables are set, and is refused without each of them', () => {
    const run = (env: NodeJS.ProcessEnv) =>
      spawnSync('docker-compose', ['-f', composePath, 'config', '-q'], { env, encoding: 'utf8', timeout: 60_000 });
    const withoutSamples = Object.fromEntries(
      Object.entries(process.env).filter(([key]) => SAMPLE_VARIABLES[key] === undefined),
    );

    const valid = run({ ...withoutSamples, ...SAMPLE_VARIABLES });
    if ((valid.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
      throw new Error(
        'docker-compose is not on PATH: install it (Debian/Ubuntu: apt-get install docker-compose) to validate docker-compose.yml',
      );
    }
    expect(valid.error).toBeUndefined();
    expect(valid.stderr, 'docker-compose config -q').toBe('');
    expect(valid.status).toBe(0);

    const refusals = {
      OPENSEARCH_INITIAL_ADMIN_PASSWORD: 'set a strong admin password',
      SYNCLOG_METRICS_TOKEN: 'set a metrics token of 16+ characters for Prometheus',
    };
    expect(Object.keys(refusals).sort()).toEqual(Object.keys(SAMPLE_VARIABLES).sort());
    for (const [missing, message] of Object.entries(refusals)) {
      const { [missing]: _dropped, ...others } = SAMPLE_VARIABLES;
      const refused = run({ ...withoutSamples, ...others });
      expect(refused.status, `without ${missing}`).not.toBe(0);
      expect(refused.stderr).toContain(message);
    }
  }, 120_000);

  it('runs the OpenSearch and Dashboards images of OPENSEARCH_VERSION', () => {
    for (const name of Object.keys(NODES))
      expect(service(name).image).toBe(`opensearchproject/opensearch:${OPENSEARCH_VERSION}`);
    expect(service('opensearch-dashboards').image).toBe(
      `opensearchproject/opensearch-dashboards:${OPENSEARCH_VERSION}`,
    );
    const opensearchImages = Object.values(compose.services)
      .map((s) => s.image)
      .filter((image): image is string => image?.startsWith('opensearchproject/') ?? false);
    for (const image of opensearchImages) expect(image.split(':')[1]).toBe(OPENSEARCH_VERSION);
  });

  it.each(SYNCLOG_SERVICES)('gives %s only variables that synclog reads', (name) => {
    const schemas = [
      openSearchEnvSchema,
      serviceEnvSchema,
      schedulerEnvSchema,
      authEnvSchema,
      reportDeliveryEnvSchema,
      alertEnvSchema,
    ];
    const known = new Set(schemas.flatMap((schema) => Object.keys(schema.shape)));
    const unknown = Object.keys(rawEnvironment(name)).filter((key) => !known.has(key));
    expect(unknown, "not in any of synclog's environment schemas").toEqual([]);
  });

  it.each(SYNCLOG_SERVICES)('gives %s, together with the image ENV, a configuration synclog accepts', (name) => {
    const imageEnv = dockerfileEnvironment();
    for (const key of Object.keys(imageEnv)) {
      expect([...Object.keys(openSearchEnvSchema.shape), ...Object.keys(serviceEnvSchema.shape)]).toContain(key);
    }
    const env = { ...imageEnv, ...environment(name) };
    const openSearchEnv = parseEnv(openSearchEnvSchema, env);
    parseEnv(serviceEnvSchema, env);
    parseEnv(reportDeliveryEnvSchema, env);
    parseEnv(alertEnvSchema, env);
    setupConfigFromEnv(openSearchEnv);
    // NODE_ENV=production never falls back to a local node: the cluster URL must be given.
    expect(openSearchEnv.NODE_ENV).toBe('production');
    expect(openSearchEnv.OPENSEARCH_URL).toEqual(['https://opensearch-hot:9200']);
  });

  it('serves on all interfaces of the container, on the port it publishes', () => {
    const env = parseEnv(serviceEnvSchema, { ...dockerfileEnvironment(), ...environment('synclog') });
    expect(env.SYNCLOG_HTTP_HOST).toBe('0.0.0.0');
    expect((service('synclog').ports ?? []).map(String)).toContain(`8080:${env.PORT}`);
  });

  it('forms one cluster of a hot node and a cold node', () => {
    for (const [name, temp] of Object.entries(NODES)) {
      const env = environment(name);
      expect(env['node.attr.temp']).toBe(temp);
      expect(env['node.name']).toBe(name);
      expect(env['cluster.name']).toBe('synclog');
      expect(env['discovery.seed_hosts']?.split(',').sort()).toEqual(Object.keys(NODES).sort());
      expect(env['cluster.initial_cluster_manager_nodes']?.split(',').sort()).toEqual(Object.keys(NODES).sort());
    }
  });

  it("puts the archive under the nodes' path.repo, on a volume both nodes share", () => {
    const pathRepo = environment('opensearch-hot')['path.repo'];
    expect(pathRepo).toBeTruthy();
    const snapshotVolumes = Object.keys(NODES).map((name) => {
      expect(environment(name)['path.repo']).toBe(pathRepo);
      const mount = (service(name).volumes ?? []).find((volume) => volume.split(':')[1] === pathRepo);
      expect(mount, `${name} mounts a volume at ${pathRepo}`).toBeDefined();
      return mount!.split(':')[0]!;
    });
    expect(new Set(snapshotVolumes).size).toBe(1);
    expect(Object.keys(compose.volumes ?? {})).toContain(snapshotVolumes[0]);
    for (const name of SYNCLOG_SERVICES) {
      const env = parseEnv(openSearchEnvSchema, environment(name));
      expect(env.SYNCLOG_ARCHIVE_TYPE).toBe('fs');
      expect(env.SYNCLOG_ARCHIVE_LOCATION?.startsWith(`${pathRepo}/`)).toBe(true);
    }
  });

  it('secures the cluster, and synclog connects with the scheme and credentials that choice requires', () => {
    const nodeEnvs = Object.keys(NODES).map(environment);
    const securityDisabled = nodeEnvs.map((env) => env.DISABLE_SECURITY_PLUGIN === 'true');
    expect(new Set(securityDisabled).size, 'both nodes make the same choice').toBe(1);
    for (const env of nodeEnvs) {
      if (!securityDisabled[0]) expect(env.OPENSEARCH_INITIAL_ADMIN_PASSWORD).toBeTruthy();
    }
    for (const name of SYNCLOG_SERVICES) {
      const env = parseEnv(openSearchEnvSchema, environment(name));
      for (const url of env.OPENSEARCH_URL ?? [])
        expect(new URL(url).protocol).toBe(securityDisabled[0] ? 'http:' : 'https:');
      if (!securityDisabled[0]) {
        expect(env.OPENSEARCH_USERNAME).toBe('admin');
        expect(env.OPENSEARCH_PASSWORD).toBe(nodeEnvs[0]!.OPENSEARCH_INITIAL_ADMIN_PASSWORD);
      }
    }
  });

  it('imports the Dashboards saved objects once, when Dashboards is healthy, for the same index prefix', () => {
    const job = service('synclog-dashboards-import');
    expect(command('synclog-dashboards-import')).toEqual([
      'dashboards',
      'import',
      '--url',
      'http://opensearch-dashboards:5601',
      '--user',
      'admin',
    ]);
    expect(job.restart).toBe('no');
    expect(job.depends_on).toEqual({ 'opensearch-dashboards': { condition: 'service_healthy' } });
    expect(service('opensearch-dashboards').healthcheck?.test).toBeDefined();
    const env = environment('synclog-dashboards-import');
    expect(env.SYNCLOG_INDEX_PREFIX).toBe(environment('synclog').SYNCLOG_INDEX_PREFIX);
    expect(env.SYNCLOG_DASHBOARDS_PASSWORD).toBe(SAMPLE_VARIABLES.OPENSEARCH_INITIAL_ADMIN_PASSWORD);
  });

  it('runs setup once the cluster is healthy, and starts the service only after setup succeeded', () => {
    const hot = service('opensearch-hot');
    expect(hot.healthcheck?.test).toBeDefined();
    expect(dependency('synclog-setup', 'opensearch-hot')?.condition).toBe('service_healthy');
    expect(command('synclog-setup')).toEqual(['setup']);
    expect(service('synclog-setup').restart).toBe('no');
    expect(dependency('synclog', 'synclog-setup')?.condition).toBe('service_completed_successfully');
    expect(command('synclog')).toEqual(['serve']);
    for (const name of SYNCLOG_SERVICES) expect(service(name).build).toBe('.');
  });
});
