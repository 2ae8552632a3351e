import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { parseEnv } from './opensearch/config/parse-env.ts';
import { authEnvSchema } from './query-api/auth/api-tokens.ts';
import { serviceEnvSchema } from './query-api/service-env.ts';
import {
  bindMounts,
  compose,
  composeDir,
  environment,
  interpolate,
  SAMPLE_VARIABLES,
  service,
} from './test/compose-file.ts';

/** The repository file a service mounts at `container`. */
function mounted(name: string, container: string): string {
  const mount = bindMounts(name).find((m) => m.container === container);
  if (!mount) throw new Error(`${name} mounts nothing at ${container}`);
  return join(composeDir, mount.host);
}

const entrypoint = () => interpolate([service('prometheus').entrypoint ?? []].flat().join(' '));
/** The prometheus flag the entrypoint passes, e.g. `--config.file`. */
const flag = (name: string) => new RegExp(`${name}=(\\S+)`).exec(entrypoint())?.[1];

interface PrometheusConfig {
  global: { external_labels?: Record<string, string> };
  rule_files: string[];
  alerting: { alertmanagers: Array<{ static_configs: Array<{ targets: string[] }> }> };
  scrape_configs: Array<{
    job_name: string;
    metrics_path?: string;
    authorization?: { credentials_file?: string };
    static_configs: Array<{ targets: string[] }>;
  }>;
}
const prometheusConfig = () =>
  parse(readFileSync(mounted('prometheus', flag('--config.file')!), 'utf8')) as PrometheusConfig;

describe('docker-compose.yml: Prometheus, Alertmanager and Grafana', () => {
  it('mounts only files and folders that exist in the repository', () => {
    const mounts = Object.keys(compose.services).flatMap((name) => bindMounts(name).map((m) => ({ name, ...m })));
    expect(mounts.length).toBeGreaterThanOrEqual(6);
    const missing = mounts.filter((m) => !existsSync(join(composeDir, m.host)));
    expect(missing).toEqual([]);
  });

  it("gives Prometheus a configuration promtool check config accepts, with the compose file's mounts in place", () => {
    const dir = mkdtempSync(join(tmpdir(), 'synclog-compose-prometheus-'));
    const config = prometheusConfig();
    expect(config.rule_files.map((file) => mounted('prometheus', file))).toEqual([
      join(composeDir, 'dashboards/prometheus/rules.yml'),
    ]);
    // The container paths become the repository's files, and the token file the entrypoint writes a sample.
    config.rule_files = config.rule_files.map((file) => mounted('prometheus', file));
    const job = config.scrape_configs.find((c) => c.job_name === 'synclog')!;
    job.authorization!.credentials_file = join(dir, 'token');
    writeFileSync(join(dir, 'token'), SAMPLE_VARIABLES.SYNCLOG_METRICS_TOKEN!);
    writeFileSync(join(dir, 'prometheus.yml'), stringify(config));
    const check = spawnSync('promtool', ['check', 'config', join(dir, 'prometheus.yml')], { encoding: 'utf8' });
    expect(check.status, check.stdout + check.stderr).toBe(0);
    const rules = (
      parse(readFileSync(join(composeDir, 'dashboards/prometheus/rules.yml'), 'utf8')) as {
        groups: Array<{ rules: unknown[] }>;
      }
    ).groups.flatMap((group) => group.rules);
    expect(check.stdout).toContain(`SUCCESS: ${rules.length} rules found`);
  });

  it("scrapes the service's /metrics on its port with the metrics token the service accepts", () => {
    const job = prometheusConfig().scrape_configs.find((c) => c.job_name === 'synclog');
    const env = parseEnv(serviceEnvSchema, environment('synclog'));
    expect(job?.static_configs[0]?.targets).toEqual([`synclog:${env.PORT ?? 8080}`]);
    expect(job?.metrics_path ?? '/metrics').toBe('/metrics');
    // The entrypoint writes the token Prometheus sends, from the same variable the service's tokens hold.
    expect(entrypoint()).toContain(`> ${job?.authorization?.credentials_file} &&`);
    expect(environment('prometheus').SYNCLOG_METRICS_TOKEN).toBe(SAMPLE_VARIABLES.SYNCLOG_METRICS_TOKEN);
    const tokens = parseEnv(authEnvSchema, environment('synclog')).SYNCLOG_API_TOKENS;
    expect(tokens).toContain(`metrics:${SAMPLE_VARIABLES.SYNCLOG_METRICS_TOKEN}`);
  });

  it('alerts to the Alertmanager service, keeps the SLA window of 30 days, and links alerts to the runbooks', () => {
    const config = prometheusConfig();
    expect(config.alerting.alertmanagers[0]?.static_configs[0]?.targets).toEqual(['alertmanager:9093']);
    expect(Number.parseInt(flag('--storage.tsdb.retention.time') ?? '0', 10)).toBeGreaterThanOrEqual(30);
    expect(config.global.external_labels?.runbook_base_url).toMatch(/^https:\/\/.+\/docs\/runbooks$/);
  });

  it('gives Alertmanager the routing configuration amtool check-config accepts', () => {
    const configFlag = [service('alertmanager').command ?? []].flat().find((arg) => arg.startsWith('--config.file='));
    const file = mounted('alertmanager', configFlag!.split('=')[1]!);
    expect(file).toBe(join(composeDir, 'dashboards/alertmanager/alertmanager.yml'));
    const check = spawnSync('amtool', ['check-config', file], { encoding: 'utf8' });
    expect(check.status, check.stdout + check.stderr).toBe(0);
  });

  it("provisions Grafana's data source and dashboard provider, and puts the dashboard where the provider loads from", () => {
    const provider = parse(
      readFileSync(mounted('grafana', '/etc/grafana/provisioning/dashboards/synclog.yml'), 'utf8'),
    ) as { providers: Array<{ options: { path: string } }> };
    const dashboard = bindMounts('grafana').find((m) => m.host === './dashboards/grafana/synclog.json');
    expect(dashboard?.container.startsWith(`${provider.providers[0]!.options.path}/`)).toBe(true);
    const datasources = parse(
      readFileSync(mounted('grafana', '/etc/grafana/provisioning/datasources/prometheus.yml'), 'utf8'),
    ) as { datasources: Array<{ url: string }> };
    expect(datasources.datasources[0]?.url).toBe('http://prometheus:9090');
    expect(Object.keys(compose.services)).toContain('prometheus');
  });
});
