import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const RUNBOOKS_DIR = here('../../docs/runbooks');
const rules = parse(readFileSync(here('./rules.yml'), 'utf8')) as {
  groups: Array<{
    rules: Array<{ alert?: string; labels?: Record<string, string>; annotations?: Record<string, string> }>;
  }>;
};
const alerts = rules.groups.flatMap((g) => g.rules).filter((r) => r.alert !== undefined);
/** Prometheus fills in its external label `runbook_base_url`; the rest of the link names the page. */
const RUNBOOK_LINK = /^\{\{ \$externalLabels\.runbook_base_url \}\}\/([A-Za-z]+\.md)$/;

describe('the alerts of rules.yml and their runbooks', () => {
  it('has alerts to check', () => {
    expect(alerts.length).toBeGreaterThanOrEqual(8);
  });

  it.each(alerts.map((a) => [a.alert!, a] as const))(
    '%s has a summary, a description and a runbook_url',
    (_, alert) => {
      expect(Object.keys(alert.annotations ?? {}).sort()).toEqual(['description', 'runbook_url', 'summary']);
      for (const text of Object.values(alert.annotations!)) expect(text.trim().length).toBeGreaterThan(20);
      expect(['critical', 'warning']).toContain(alert.labels?.severity);
    },
  );

  it.each(alerts.map((a) => [a.alert!, a] as const))('%s links to its own page in docs/runbooks', (name, alert) => {
    const page = RUNBOOK_LINK.exec(alert.annotations?.runbook_url ?? '')?.[1];
    expect(page, alert.annotations?.runbook_url).toBe(`${name}.md`);
    expect(existsSync(join(RUNBOOKS_DIR, page!))).toBe(true);
  });

  it('has a page for every alert and no page for an alert that does not exist', () => {
    const pages = readdirSync(RUNBOOKS_DIR).filter((file) => file !== 'README.md');
    expect(pages.sort()).toEqual(alerts.map((a) => `${a.alert}.md`).sort());
  });

  it.each(alerts.map((a) => [a.alert!, a] as const))(
    "%s's page names the alert and its severity and says what it means, how to check, what to do and when to escalate",
    (name, alert) => {
      const text = readFileSync(join(RUNBOOKS_DIR, `${name}.md`), 'utf8');
      expect(text.split('\n')[0]).toBe(`# ${name} (${alert.labels!.severity})`);
      const headings = text.split('\n').filter((line) => line.startsWith('## '));
      expect(headings).toEqual(['## What it means', '## Check', '## Act', '## Escalate']);
    },
  );

  it('lists every alert with its severity in the runbooks index', () => {
    const index = readFileSync(join(RUNBOOKS_DIR, 'README.md'), 'utf8');
    for (const alert of alerts)
      expect(index).toContain(`| ${alert.alert} | ${alert.labels!.severity} | [${alert.alert}](${alert.alert}.md) |`);
  });
});
