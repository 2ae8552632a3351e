import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { OpenSearchClient } from '../../opensearch/client/create-client.ts';

const run = promisify(execFile);

/** The hexadecimal CPU mask a process's main thread runs on (`taskset -p`), e.g. `3` for cores 0 and 1. */
export async function cpuMaskOf(pid: number): Promise<string> {
  const { stdout } = await run('taskset', ['-p', String(pid)]);
  const mask = /mask:\s*([0-9a-f]+)/i.exec(stdout)?.[1];
  if (!mask) throw new Error(`taskset -p ${pid}: unexpected answer ${JSON.stringify(stdout)}`);
  return mask;
}

/**
 * Every thread of `pid` onto the `cpus` list (`taskset -a -cp`): the JVM's and Node's work runs on
 * threads other than the main one, which is all a plain `taskset -cp` would move.
 */
export async function pinProcess(pid: number, cpus: string): Promise<void> {
  await run('taskset', ['-a', '-cp', cpus, String(pid)]);
}

/** Every thread of `pid` back onto `mask` (as `cpuMaskOf` read it). */
export async function restoreCpuMask(pid: number, mask: string): Promise<void> {
  await run('taskset', ['-a', '-p', mask, String(pid)]);
}

/** The pid of the OpenSearch node the client talks to, as the node reports it. */
export async function openSearchPid(client: OpenSearchClient): Promise<number> {
  const { body } = await client.nodes.info({ node_id: '_local', metric: 'process' } as never);
  const nodes = (body as unknown as { nodes: Record<string, { process?: { id?: number } }> }).nodes;
  const pid = Object.values(nodes)[0]?.process?.id;
  if (!pid) throw new Error('the node did not report its process id');
  return pid;
}

export interface Pinning {
  /** What ran where, for the report. */
  readonly description: string;
  /** Puts both processes back on the masks they had. */
  restore(): Promise<void>;
}

/**
 * OpenSearch on core 0, this process (service, proxy and load generator alike) on core 1; `null`
 * when the machine cannot (fewer than 2 cores, no `taskset`).
 */
export async function pinApart(client: OpenSearchClient, say: (line: string) => void): Promise<Pinning | null> {
  try {
    const javaPid = await openSearchPid(client);
    const before = { java: await cpuMaskOf(javaPid), self: await cpuMaskOf(process.pid) };
    try {
      await pinProcess(javaPid, '0');
      await pinProcess(process.pid, '1');
    } catch (error) {
      await restoreCpuMask(javaPid, before.java).catch(() => {});
      throw error;
    }
    say(
      `pinned OpenSearch (pid ${javaPid}, mask ${before.java}) to core 0, this process (mask ${before.self}) to core 1`,
    );
    return {
      description: `OpenSearch (pid ${javaPid}) on core 0; this process (service, proxy and load generator) on core 1`,
      async restore() {
        await restoreCpuMask(javaPid, before.java);
        await restoreCpuMask(process.pid, before.self);
        say(`restored masks: OpenSearch ${await cpuMaskOf(javaPid)}, this process ${await cpuMaskOf(process.pid)}`);
      },
    };
  } catch (error) {
    say(`cannot pin apart: ${(error as Error).message}`);
    return null;
  }
}
