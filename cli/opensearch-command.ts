import {
  localClusterLogs,
  localClusterStatus,
  startLocalCluster,
  stopLocalCluster,
  type LocalClusterOptions,
} from '../opensearch/local/local-cluster.ts';

/** `synclog opensearch start|stop|status|logs`: the local node. Returns the exit code. */
export async function opensearchCommand(
  action: string | undefined,
  options: LocalClusterOptions,
  say: (line: string) => void,
): Promise<number> {
  switch (action) {
    case 'start': {
      const cluster = await startLocalCluster({ ...options, log: (line) => say(`  ${line}`) });
      const verb = cluster.reused ? 'already running' : `started in ${(cluster.startMs / 1000).toFixed(1)} s`;
      say(`OpenSearch ${cluster.version} (${cluster.nodes.length} node(s), cluster "${cluster.name}") ${verb}`);
      for (const node of cluster.nodes) say(`  ${node.name}: http://127.0.0.1:${node.httpPort} temp=${node.temp}`);
      say(`OPENSEARCH_URL=${cluster.url}`);
      return 0;
    }
    case 'stop': {
      const { stopped } = await stopLocalCluster(options);
      say(stopped.length ? `stopped ${stopped.join(', ')}` : 'not running');
      return 0;
    }
    case 'status': {
      const status = await localClusterStatus(options);
      if (status.state === 'absent') {
        say(`absent: no local cluster "${options.name ?? 'default'}" under ${options.home}`);
        return 3;
      }
      say(`${status.state}${status.url ? ` ${status.url}` : ''}`);
      for (const node of status.nodes) {
        const note =
          node.state === 'stale'
            ? ` (pid file names ${node.pid}, which is not running)`
            : node.pid
              ? ` pid ${node.pid}`
              : '';
        say(`  ${node.name}: ${node.state}${note}`);
      }
      // Like init scripts: 0 running, 3 not running, 1 stale pid file.
      return status.state === 'running' ? 0 : status.state === 'stale' ? 1 : 3;
    }
    case 'logs':
      say(await localClusterLogs(options, 50));
      return 0;
    default:
      say('usage: synclog opensearch start|stop|status|logs [--name NAME] [--nodes N] [--port PORT]');
      return 2;
  }
}
