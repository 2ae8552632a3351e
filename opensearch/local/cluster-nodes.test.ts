import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { planNodes } from './cluster-nodes.ts';
import { localLayout } from './local-paths.ts';
import { freePort } from './ports.ts';

const layout = localLayout('/srv/synclog');
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

function occupy(port: number): Promise<void> {
  const server = createServer();
  servers.push(server);
  return new Promise((resolve) => server.listen({ port, host: '127.0.0.1' }, () => resolve()));
}

describe('planning the nodes of a local cluster', () => {
  it('makes node 0 the hot cluster manager and every other node cold, each seeded with all transports', async () => {
    const nodes = await planNodes({ home: layout.home, heap: '1g' }, 'dev', 3, layout);
    expect(nodes.map((n) => [n.name, n.temp, n.clusterManager])).toEqual([
      ['dev-0', 'hot', 'dev-0'],
      ['dev-1', 'cold', 'dev-0'],
      ['dev-2', 'cold', 'dev-0'],
    ]);
    const seeds = nodes.map((n) => `127.0.0.1:${n.transportPort}`);
    for (const node of nodes) {
      expect(node.seedHosts).toEqual(seeds);
      expect(node.clusterName).toBe('synclog-dev');
      expect(node.heap).toBe('1g');
      expect(node.repositoryPath).toBe('/srv/synclog/clusters/dev/repository');
    }
    expect(nodes[1]!.dir).toBe('/srv/synclog/clusters/dev/node-1');
  });

  it('uses the chosen port for node 0', async () => {
    const port = await freePort();
    const [node] = await planNodes({ home: layout.home, port }, 'dev', 1, layout);
    expect(node!.httpPort).toBe(port);
    expect(node!.heap).toBe('512m');
  });

  it('refuses a chosen port another process listens on, naming how to choose another', async () => {
    const port = await freePort();
    await occupy(port);
    await expect(planNodes({ home: layout.home, port }, 'dev', 1, layout)).rejects.toMatchObject({
      code: 'PORT_BUSY',
      message: expect.stringContaining(`port ${port} on 127.0.0.1 is already in use`),
    });
  });
});
