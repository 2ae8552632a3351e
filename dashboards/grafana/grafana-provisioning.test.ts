import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const read = (path: string) => readFileSync(fileURLToPath(new URL(path, import.meta.url)), 'utf8');
const dashboard = JSON.parse(read('./synclog.json')) as {
  uid: string;
  panels: Array<{ title: string; datasource: { uid: string }; targets: Array<{ datasource?: { uid: string } }> }>;
};
const datasources = parse(read('./provisioning/datasources/prometheus.yml')) as {
  datasources: Array<{ uid: string; type: string; url: string }>;
};
const providers = parse(read('./provisioning/dashboards/synclog.yml')) as {
  providers: Array<{ type: string; options: { path: string } }>;
};
const compose = parse(read('../../docker-compose.yml')) as { services: Record<string, { volumes?: string[] }> };

/** Where compose puts a file of the repository inside the Grafana container. */
function mountedAt(source: string): string | undefined {
  const volume = compose.services.grafana?.volumes?.find((v) => v.split(':')[0] === source);
  return volume?.split(':')[1];
}

describe('Grafana provisioning', () => {
  it('provisions one Prometheus data source whose uid every panel and query of the dashboard uses', () => {
    expect(datasources.datasources).toHaveLength(1);
    const [source] = datasources.datasources;
    expect(source).toMatchObject({ type: 'prometheus', url: 'http://prometheus:9090' });
    const used = dashboard.panels.flatMap((p) => [p.datasource.uid, ...p.targets.map((t) => t.datasource?.uid)]);
    expect(new Set(used)).toEqual(new Set([source?.uid]));
  });

  it('loads the dashboard, uid synclog-sync, from the directory compose mounts synclog.json into', () => {
    expect(dashboard.uid).toBe('synclog-sync');
    const [provider] = providers.providers;
    expect(provider?.type).toBe('file');
    const mounted = mountedAt('./dashboards/grafana/synclog.json');
    expect(mounted).toBeDefined();
    expect(posix.dirname(mounted ?? '')).toBe(provider?.options.path);
  });

  it('is mounted where Grafana reads provisioning files', () => {
    expect(mountedAt('./dashboards/grafana/provisioning/datasources/prometheus.yml')).toBe(
      '/etc/grafana/provisioning/datasources/prometheus.yml',
    );
    expect(mountedAt('./dashboards/grafana/provisioning/dashboards/synclog.yml')).toBe(
      '/etc/grafana/provisioning/dashboards/synclog.yml',
    );
  });
});
