import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { localClusterOptions } from '../../cli/local-cluster-options.ts';
import { deleteLocalCluster, localClusterStatus, startLocalCluster, stopLocalCluster } from './local-cluster.ts';
import { LocalNodeError } from './local-node-error.ts';
import { nodePaths } from './node-config.ts';
import { freePort } from './ports.ts';

// Each test here runs its own cluster, never the run's shared node.
const base = localClusterOptions(process.env);
const created: string[] = [];
const cluster = (label: string) => {
  const name = `it-${label}-${randomBytes(3).toString('hex')}`;
  created.push(name);
  return name;
};

afterAll(async () => {
  for (const name of created) await deleteLocalCluster({ ...base, name });
});

const listen = (port: number) =>
  new Promise<Server>((resolve) => {
    const server = createServer();
    server.listen(port, '127.0.0.1', () => resolve(server));
  });

describe('the local OpenSearch launcher', () => {
  it('refuses clearly when the port is taken', async () => {
    const port = await freePort();
    const squatter = await listen(port);
    try {
      const attempt = startLocalCluster({ ...base, name: cluster('busy'), port });
      await expect(attempt).rejects.toBeInstanceOf(LocalNodeError);
      await expect(attempt).rejects.toThrow(new RegExp(`port ${port} on 127.0.0.1 is already in use`));
    } finally {
      squatter.close();
    }
  });

  it('tells the truth in status across start, stop and a stale pid file, and reuses the extracted node', async () => {
    const options = { ...base, name: cluster('life'), port: undefined };
    const first = await startLocalCluster(options);
    expect(first.reused).toBe(false);
    expect((await localClusterStatus(options)).state).toBe('running');
    const again = await startLocalCluster(options);
    expect(again.reused).toBe(true);

    await stopLocalCluster(options);
    const stopped = await localClusterStatus(options);
    expect(stopped.state).toBe('stopped');
    expect(stopped.nodes.map((n) => n.state)).toEqual(['stopped']);
    expect(
      await fetch(first.url).then(
        () => 'answered',
        () => 'refused',
      ),
    ).toBe('refused');

    const deadPid = spawnSync('true').pid!;
    await writeFile(nodePaths(first.nodes[0]!.dir).pidFile, `${deadPid}\n`);
    const stale = await localClusterStatus(options);
    expect(stale.state).toBe('stale');
    expect(stale.nodes[0]).toMatchObject({ state: 'stale', pid: deadPid });

    const lines: string[] = [];
    const second = await startLocalCluster({ ...options, log: (line) => lines.push(line) });
    expect(second.reused).toBe(false);
    expect(lines.filter((l) => /fetching|download|extracting/.test(l))).toEqual([]);
    expect((await localClusterStatus(options)).state).toBe('running');
    await stopLocalCluster(options);
  });

  it('starts two nodes on loopback as one cluster, one temp=hot and one temp=cold', async () => {
    const options = { ...base, name: cluster('two'), nodes: 2, port: undefined };
    const started = await startLocalCluster(options);
    try {
      const response = await fetch(`${started.url}/_cat/nodeattrs?format=json&h=node,attr,value`);
      const attrs = ((await response.json()) as Array<{ node: string; attr: string; value: string }>).filter(
        (a) => a.attr === 'temp',
      );
      expect(attrs.map((a) => a.value).sort()).toEqual(['cold', 'hot']);

      const put = await fetch(`${started.url}/cold-only`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ settings: { number_of_replicas: 0, 'index.routing.allocation.require.temp': 'cold' } }),
      });
      expect(put.status).toBe(200);
      await fetch(`${started.url}/_cluster/health/cold-only?wait_for_status=green&timeout=30s`);
      const shards = (await (
        await fetch(`${started.url}/_cat/shards/cold-only?format=json&h=node,state`)
      ).json()) as Array<{ node: string; state: string }>;
      expect(shards).toEqual([{ node: `${options.name}-1`, state: 'STARTED' }]);
    } finally {
      await stopLocalCluster(options);
    }
    expect((await localClusterStatus(options)).nodes.map((n) => n.state)).toEqual(['stopped', 'stopped']);
  });

  it('reports a node that dies during start-up with the tail of its log', async () => {
    const options = { ...base, name: cluster('dies'), port: undefined, heap: '1k' };
    const attempt = startLocalCluster(options);
    await expect(attempt).rejects.toMatchObject({ code: 'NODE_DIED' });
    await expect(attempt).rejects.toThrow(/exited during start-up\. Last lines of its log:\n.*heap/is);
    expect((await localClusterStatus(options)).state).toBe('stopped');
  });
});
