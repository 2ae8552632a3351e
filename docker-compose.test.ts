import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { openSearchEnvSchema } from './opensearch/config/env.ts';
import { parseEnv } from './opensearch/config/parse-env.ts';
import { OPENSEARCH_VERSION } from './opensearch/local/local-cluster.ts';
import { setupConfigFromEnv } from './opensearch/setup/setup-config.ts';
import { authEnvSchema } from './query-api/auth/api-tokens.ts';
import { alertEnvSchema } from './query-api/alerts/alert-env.ts';
import { reportDeliveryEnvSchema } from './query-api/reports/delivery/report-delivery-env.ts';
import { schedulerEnvSchema } from './query-api/scheduler/scheduler-config.ts';
import { serviceEnvSchema } from './query-api/service-env.ts';

const composePath = fileURLToPath(new URL('./docker-compose.yml', import.meta.url));
const dockerfilePath = fileURLToPath(new URL('./Dockerfile', import.meta.url));
const composeText = readFileSync(composePath, 'utf8');

/** Values for the variables the file requires from the shell (`${VAR:?message}` or `${VAR}`). */
const SAMPLE_VARIABLES: Record<string, string> = { OPENSEARCH_INITIAL_ADMIN_PASSWORD: 'Sample-Admin-Passw0rd!' };

interface Service {
  readonly image?: string;
  readonly build?: unknown;
  readonly command?: string | string[];
  readonly restart?: string;
  readonly environment?: Record<string, string | number | boolean | null> | string[];
  readonly depends_on?: string[] | Record<string, { condition?: string }>;
  readonly healthcheck?: { test?: string | string[] };
  readonly ports?: Array<string | number>;
  readonly volumes?: string[];
}

// `merge: true`: the nodes share their settings through a `<<: *opensearch-node` merge key.
const compose = parse(composeText, { merge: true }) as {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
};

function service(name: string): Service {
  const found = compose.services[name];
  if (!found) throw new Error(`docker-compose.yml has no service "${name}"`);
  return found;
}

/** A service's environment as written (list or map form), values uninterpolated. */
function rawEnvironment(name: string): Record<string, string> {
  const env = service(name).environment ?? {};
  const entries = Array.isArray(env)
    ? env.map((line): [string, string] => {
        const at = line.indexOf('=');
        return at < 0 ? [line, ''] : [line.slice(0, at), line.slice(at + 1)];
      })
    : Object.entries(env).map(([key, value]): [string, string] => [key, value === null ? '' : String(value)]);
  return Object.fromEntries(entries);
}

/** Compose interpolation: defaults are taken, required variables get a sample value, `$$` is `$`. */
function interpolate(value: string): string {
  return value.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*)|(:?\?)[^}]*)?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (match, braced, defaultOp, fallback, _required, bare) => {
      if (match === '$$') return '$';
      const variable = (braced ?? bare) as string;
      if (defaultOp !== undefined) return fallback as string;
      const sample = SAMPLE_VARIABLES[variable];
      if (sample === undefined)
        throw new Error(`docker-compose.yml requires \${${variable}} but the test has no sample value for it`);
      return sample;
    },
  );
}

function environment(name: string): Record<string, string> {
  return Object.fromEntries(Object.entries(rawEnvironment(name)).map(([key, value]) => [key, interpolate(value)]));
}

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

function dependency(name: string, on: string): { condition?: string } | undefined {
  const dependsOn = service(name).depends_on;
  if (Array.isArray(dependsOn)) return dependsOn.includes(on) ? {} : undefined;
  return dependsOn?.[on];
}

function command(name: string): string[] {
  const value = service(name).command;
  return typeof value === 'string' ? value.split(/\s+/) : (value ?? []);
}

const SYNCLOG_SERVICES = ['synclog-setup', 'synclog'] as const;
const NODES = { 'opensearch-hot': 'hot', 'opensearch-cold': 'cold' } as const;

describe('docker-compose.yml', () => {
  it('is valid YAML with the OpenSearch nodes, Dashboards, the setup job and the service', () => {
    expect(Object.keys(compose.services)).toEqual(
      expect.arrayContaining([
        'opensearch-hot',
        'opensearch-cold',
        'opensearch-dashboards',
        'synclog-setup',
        'synclog',
      ]),
    );
  });

  it('passes Compose v1.29 validation when OPENSEARCH_INITIAL_ADMIN_PASSWORD is set, and is refused without it', () => {
    const run = (env: NodeJS.ProcessEnv) =>
      spawnSync('docker-compose', ['-f', composePath, 'config', '-q'], { env, encoding: 'utf8', timeout: 60_000 });
    const { OPENSEARCH_INITIAL_ADMIN_PASSWORD: _ignored, ...withoutPassword } = process.env;

    const valid = run({
      ...withoutPassword,
      OPENSEARCH_INITIAL_ADMIN_PASSWORD: SAMPLE_VARIABLES.OPENSEARCH_INITIAL_ADMIN_PASSWORD,
    });
    if ((valid.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
      throw new Error(
        'docker-compose is not on PATH: install it (Debian/Ubuntu: apt-get install docker-compose) to validate docker-compose.yml',
      );
    }
    expect(valid.error).toBeUndefined();
    expect(valid.stderr, 'docker-compose config -q').toBe('');
    expect(valid.status).toBe(0);

    const refused = run(withoutPassword);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain('set a strong admin password');
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
