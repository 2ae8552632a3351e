import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** docker-compose.yml as the Compose tests read it: services, environments with interpolation. */
export const composePath = fileURLToPath(new URL('../docker-compose.yml', import.meta.url));
/** The directory the compose file's relative paths start from. */
export const composeDir = fileURLToPath(new URL('..', import.meta.url));

/** Values for the variables the file requires from the shell (`${VAR:?message}` or `${VAR}`). */
export const SAMPLE_VARIABLES: Record<string, string> = {
  OPENSEARCH_INITIAL_ADMIN_PASSWORD: 'Sample-Admin-Passw0rd!',
  SYNCLOG_METRICS_TOKEN: 'sample-metrics-token-0123456789',
};

export interface Service {
  readonly image?: string;
  readonly build?: unknown;
  readonly command?: string | string[];
  readonly entrypoint?: string | string[];
  readonly restart?: string;
  readonly environment?: Record<string, string | number | boolean | null> | string[];
  readonly depends_on?: string[] | Record<string, { condition?: string }>;
  readonly healthcheck?: { test?: string | string[] };
  readonly ports?: Array<string | number>;
  readonly volumes?: string[];
}

// `merge: true`: the nodes share their settings through a `<<: *opensearch-node` merge key.
export const compose = parse(readFileSync(composePath, 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
};

export function service(name: string): Service {
  const found = compose.services[name];
  if (!found) throw new Error(`docker-compose.yml has no service "${name}"`);
  return found;
}

/** A service's environment as written (list or map form), values uninterpolated. */
export function rawEnvironment(name: string): Record<string, string> {
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
export function interpolate(value: string): string {
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

export function environment(name: string): Record<string, string> {
  return Object.fromEntries(Object.entries(rawEnvironment(name)).map(([key, value]) => [key, interpolate(value)]));
}

export function dependency(name: string, on: string): { condition?: string } | undefined {
  const dependsOn = service(name).depends_on;
  if (Array.isArray(dependsOn)) return dependsOn.includes(on) ? {} : undefined;
  return dependsOn?.[on];
}

export function command(name: string): string[] {
  const value = service(name).command;
  return typeof value === 'string' ? value.split(/\s+/) : (value ?? []);
}

/** A service's bind mounts (`./host:/container[:mode]`): host path as written, and where it appears. */
export function bindMounts(name: string): Array<{ host: string; container: string }> {
  return (service(name).volumes ?? [])
    .map((volume) => volume.split(':'))
    .filter(([host]) => host!.startsWith('./') || host!.startsWith('/'))
    .map(([host, container]) => ({ host: host!, container: container! }));
}
