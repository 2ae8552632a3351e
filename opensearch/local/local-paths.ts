import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * `SYNCLOG_HOME`, resolved: the one place its default is decided (the local node, the service's
 * generated API token and access log live under it). As root, `~` is `/root` (mode 700,
 * unreadable by the node's unprivileged user), so the default is `/var/lib/synclog`; other users
 * get `$XDG_CACHE_HOME/synclog` or `~/.cache/synclog`.
 */
export function synclogHome(env: Record<string, string | undefined> = process.env): string {
  if (env.SYNCLOG_HOME) return env.SYNCLOG_HOME;
  if (process.getuid?.() === 0) return '/var/lib/synclog';
  return join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'synclog');
}

export interface LocalLayout {
  readonly home: string;
  readonly downloads: string;
  distribution(version: string): string;
  cluster(name: string): string;
  stateFile(name: string): string;
  node(cluster: string, node: string): string;
  repository(cluster: string): string;
}

export function localLayout(home: string): LocalLayout {
  return {
    home,
    downloads: join(home, 'downloads'),
    distribution: (version) => join(home, 'opensearch', `opensearch-${version}`),
    cluster: (name) => join(home, 'clusters', name),
    stateFile: (name) => join(home, 'clusters', name, 'cluster.json'),
    node: (cluster, node) => join(home, 'clusters', cluster, node),
    repository: (cluster) => join(home, 'clusters', cluster, 'repository'),
  };
}
