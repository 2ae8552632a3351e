import { afterAll, describe, expect, inject, it } from 'vitest';
import { dropPrefix, testClient, uniquePrefix } from '../test/opensearch.ts';
import { freePort } from '../opensearch/local/ports.ts';
import { startSynclog as synclog } from '../test/run-synclog.ts';

const client = testClient();
const prefixes: string[] = [];
afterAll(async () => {
  for (const prefix of prefixes) await dropPrefix(client, prefix);
});

describe('the synclog command', () => {
  it('serves /health against OPENSEARCH_URL after applying setup, and stops cleanly on SIGTERM', async () => {
    const prefix = uniquePrefix('cli');
    prefixes.push(prefix);
    const port = await freePort();
    const run = synclog(['serve'], {
      OPENSEARCH_URL: inject('opensearchUrl'),
      SYNCLOG_INDEX_PREFIX: prefix,
      PORT: String(port),
    });
    const serving = await run.lineMatching(/is serving on/);
    expect(run.lines[0]).toBe(`OpenSearch: ${inject('opensearchUrl')}`);
    expect(serving).toContain(`http://127.0.0.1:${port}`);
    expect(run.lines).toContain(`  created   index template ${prefix}-logs`);
    // A first start applies setup itself: a cluster without one is no news.
    expect(run.lines.filter((line) => line.includes('no setup metadata'))).toEqual([]);
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(health.status).toBe(200);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });

  it('warns, before the setup lines, when its configuration differs from the setup on the cluster', async () => {
    const prefix = uniquePrefix('cli');
    prefixes.push(prefix);
    const env = { OPENSEARCH_URL: inject('opensearchUrl'), SYNCLOG_INDEX_PREFIX: prefix };
    const firstPort = await freePort();
    const first = synclog(['serve'], { ...env, PORT: String(firstPort) });
    await first.lineMatching(/is serving on/);
    // Stopped the moment it says it serves: a clean stop all the same.
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    const secondPort = await freePort();
    const second = synclog(['serve'], { ...env, PORT: String(secondPort), SYNCLOG_RETENTION_DELETE_DAYS: '365' });
    await second.lineMatching(/is serving on/);
    expect((await fetch(`http://127.0.0.1:${secondPort}/health`)).status).toBe(200);
    const warning = second.lines.findIndex(
      (line) =>
        line.startsWith('warning: SYNCLOG_RETENTION_DELETE_DAYS is 365') &&
        line.endsWith('this start applies its own configuration'),
    );
    expect(warning).toBeGreaterThan(0);
    expect(warning).toBeLessThan(second.lines.findIndex((line) => line.startsWith('setup: ')));
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('uses the local node when OPENSEARCH_URL is unset, and says so on its first line', async () => {
    const prefix = uniquePrefix('cli');
    prefixes.push(prefix);
    // The run's shared node is the local cluster named "test".
    const run = synclog(['setup'], { SYNCLOG_OPENSEARCH_CLUSTER: 'test', SYNCLOG_INDEX_PREFIX: prefix });
    expect(await run.exited).toBe(0);
    expect(run.lines[0]).toMatch(/^OPENSEARCH_URL is not set: using the local OpenSearch node/);
    expect(run.lines).toContain(`local OpenSearch 3.8.0 already running at ${inject('opensearchUrl')}`);
    expect(run.lines.at(-1)).toMatch(/^setup: \d+ change\(s\) applied$/);
  });

  it('refuses to start in production without OPENSEARCH_URL, naming the variable', async () => {
    const run = synclog(['serve'], { NODE_ENV: 'production' });
    expect(await run.exited).toBe(1);
    expect(run.stderr.join('\n')).toBe(
      'synclog: Invalid configuration: OPENSEARCH_URL: is required when NODE_ENV=production',
    );
  });

  it('stops start-up on an invalid variable, naming it, before touching any cluster', async () => {
    const run = synclog(['serve'], { SYNCLOG_INDEX_PERIOD: 'year', PORT: 'eighty' });
    expect(await run.exited).toBe(1);
    expect(run.lines).toEqual([]);
    expect(run.stderr.join('\n')).toMatch(/SYNCLOG_INDEX_PERIOD: .*"day"\|"week"\|"month"/);
  });

  it('reports an unknown local cluster as absent with exit code 3', async () => {
    const run = synclog(['opensearch', 'status', '--name', 'never-started'], {});
    expect(await run.exited).toBe(3);
    expect(run.lines[0]).toMatch(/^absent: no local cluster "never-started"/);
  });
});
