import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { LocalNodeError } from './local-node-error.ts';
import { nodePaths, type NodeSpec } from './node-config.ts';

/**
 * Starts one configured node detached, its console output appended to its stdout file, and
 * returns its pid. The environment is minimal on purpose: the node reads its config, not ours.
 */
export function launchNode(
  node: NodeSpec,
  distDir: string,
  javaHome: string,
  user: { uid: number; gid: number } | null,
  home: string,
): number {
  const paths = nodePaths(node.dir);
  const out = openSync(paths.stdout, 'a');
  try {
    const child = spawn(join(distDir, 'bin', 'opensearch'), [], {
      cwd: node.dir,
      detached: true,
      stdio: ['ignore', out, out],
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        LANG: 'C.UTF-8',
        HOME: home,
        OPENSEARCH_JAVA_HOME: javaHome,
        OPENSEARCH_PATH_CONF: paths.config,
      },
      ...(user ? { uid: user.uid, gid: user.gid } : {}),
    });
    child.unref();
    if (child.pid === undefined)
      throw new LocalNodeError('NODE_DIED', `could not start ${join(distDir, 'bin', 'opensearch')}`);
    return child.pid;
  } finally {
    closeSync(out);
  }
}
