import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { LocalNodeError } from './local-node-error.ts';

const run = promisify(execFile);

export interface NodeUser {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
}

const isRoot = () => process.getuid?.() === 0;

async function lookup(name: string): Promise<NodeUser | null> {
  try {
    const { stdout } = await run('getent', ['passwd', name]);
    const [, , uid, gid] = stdout.trim().split(':');
    return { name, uid: Number(uid), gid: Number(gid) };
  } catch {
    return null;
  }
}

/**
 * OpenSearch refuses to run as root. As root, the node runs as an unprivileged system user,
 * created here when missing; as anyone else, it runs as that user (`null`: no switch needed).
 */
export async function ensureNodeUser(name: string, home: string): Promise<NodeUser | null> {
  if (!isRoot()) return null;
  const existing = await lookup(name);
  if (existing) return existing;
  try {
    await run('useradd', [
      '--system',
      '--user-group',
      '--home-dir',
      home,
      '--no-create-home',
      '--shell',
      '/usr/sbin/nologin',
      name,
    ]);
  } catch (error) {
    // Another launcher may have created it at the same moment.
    const raced = await lookup(name);
    if (raced) return raced;
    throw new LocalNodeError(
      'NOT_PERMITTED',
      `cannot create the system user "${name}" to run OpenSearch: ${String(error)}`,
    );
  }
  const created = await lookup(name);
  if (!created) throw new LocalNodeError('NOT_PERMITTED', `the system user "${name}" was created but cannot be found`);
  return created;
}

/** Hands a directory tree to the node's user. */
export async function chownTree(user: NodeUser | null, path: string): Promise<void> {
  if (!user) return;
  await run('chown', ['-R', `${user.uid}:${user.gid}`, path]);
}
