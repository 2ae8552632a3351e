import { describe, expect, it } from 'vitest';
import { nodeJvmOptions, nodeSettings, type NodeSpec } from './node-config.ts';

const base: NodeSpec = {
  clusterName: 'synclog-test',
  name: 'test-0',
  dir: '/var/lib/synclog/clusters/test/node-0',
  httpPort: 9200,
  transportPort: 9300,
  temp: 'hot',
  seedHosts: ['127.0.0.1:9300'],
  clusterManager: 'test-0',
  repositoryPath: '/var/lib/synclog/clusters/test/repository',
  heap: '512m',
};

describe('node settings', () => {
  it('makes a single loopback node with watermarks off and an archive path', () => {
    const s = nodeSettings(base);
    expect(s).toMatchObject({
      'discovery.type': 'single-node',
      'network.host': '127.0.0.1',
      'cluster.routing.allocation.disk.threshold_enabled': false,
      'path.repo': [base.repositoryPath],
      'node.attr.temp': 'hot',
    });
  });

  it('joins several nodes into one cluster with a single initial manager', () => {
    const seeds = ['127.0.0.1:9300', '127.0.0.1:9301'];
    const cold = nodeSettings({
      ...base,
      name: 'test-1',
      temp: 'cold',
      transportPort: 9301,
      httpPort: 9201,
      seedHosts: seeds,
    });
    expect(cold).toMatchObject({
      'discovery.seed_hosts': seeds,
      'cluster.initial_cluster_manager_nodes': ['test-0'],
      'node.roles': ['data', 'ingest'],
      'node.attr.temp': 'cold',
    });
    expect(cold).not.toHaveProperty('discovery.type');
  });
});

describe('node JVM options', () => {
  it('sets the heap and makes working-directory paths absolute', () => {
    const dist = [
      '-Xms1g',
      '-Xmx1g',
      '-XX:HeapDumpPath=data',
      '-XX:ErrorFile=logs/hs_err_pid%p.log',
      '9-:-Xlog:gc*,gc+age=trace,safepoint:file=logs/gc.log:utctime',
      '21-:-javaagent:agent/opensearch-agent.jar',
    ].join('\n');
    const out = nodeJvmOptions(dist, '/opt/os', base).split('\n');
    expect(out).toEqual([
      '-Xms512m',
      '-Xmx512m',
      `-XX:HeapDumpPath=${base.dir}/data`,
      `-XX:ErrorFile=${base.dir}/logs/hs_err_pid%p.log`,
      `9-:-Xlog:gc*,gc+age=trace,safepoint:file=${base.dir}/logs/gc.log:utctime`,
      '21-:-javaagent:/opt/os/agent/opensearch-agent.jar',
    ]);
  });
});
