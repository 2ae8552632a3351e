import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const CONFIG = fileURLToPath(new URL('./alertmanager.yml', import.meta.url));
const config = parse(readFileSync(CONFIG, 'utf8')) as {
  route: { group_by: string[] };
  inhibit_rules: Array<{ source_matchers: string[]; target_matchers: string[]; equal: string[] }>;
  receivers: Array<{ name: string; webhook_configs: Array<{ url: string; send_resolved?: boolean }> }>;
};

/** The receiver amtool's own routing tree picks for an alert with these labels. */
function routeOf(...labels: string[]): string {
  const run = spawnSync('amtool', ['config', 'routes', 'test', `--config.file=${CONFIG}`, ...labels], {
    encoding: 'utf8',
  });
  if ((run.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT')
    throw new Error('amtool is not on PATH: apt-get install prometheus-alertmanager');
  expect(run.status, run.stderr).toBe(0);
  return run.stdout.trim();
}

describe('dashboards/alertmanager/alertmanager.yml', () => {
  it('passes amtool check-config', () => {
    const check = spawnSync('amtool', ['check-config', CONFIG], { encoding: 'utf8' });
    expect(check.status, check.stdout + check.stderr).toBe(0);
    expect(check.stdout).toContain('SUCCESS');
  });

  it('routes critical alerts to the critical receiver and warnings, or alerts without a severity, to the warning receiver', () => {
    expect(routeOf('alertname=SynclogShipperDropping', 'severity=critical')).toBe('critical');
    expect(routeOf('alertname=SynclogSlaBreach', 'severity=warning')).toBe('warning');
    expect(routeOf('alertname=Unlabelled')).toBe('warning');
  });

  it('groups by alert name, keeps warnings quiet while the critical alert of the same name and instance fires', () => {
    expect(config.route.group_by).toContain('alertname');
    expect(config.inhibit_rules).toEqual([
      {
        source_matchers: ['severity="critical"'],
        target_matchers: ['severity="warning"'],
        equal: ['alertname', 'instance'],
      },
    ]);
  });

  it('ships placeholder webhook URLs that cannot reach anyone until they are replaced, and reports resolutions', () => {
    expect(config.receivers.map((r) => r.name).sort()).toEqual(['critical', 'warning']);
    for (const receiver of config.receivers) {
      expect(receiver.webhook_configs).toHaveLength(1);
      // .invalid is reserved (RFC 2606): it never resolves, so an unedited file pages nobody by accident.
      expect(new URL(receiver.webhook_configs[0]!.url).hostname.endsWith('.invalid')).toBe(true);
      expect(receiver.webhook_configs[0]!.send_resolved).toBe(true);
    }
  });
});
