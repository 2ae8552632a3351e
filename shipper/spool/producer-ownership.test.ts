import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deadPid } from './fixtures/spool-fixtures.ts';
import { claimGeneration, isOwnerAlive, ownerForThisProcess, readOwnership } from './producer-ownership.ts';

describe('producer ownership', () => {
  const me = ownerForThisProcess('me', 1_000);

  it('counts this process as alive, and an earlier process that had the same pid as gone', () => {
    expect(isOwnerAlive(me)).toBe(true);
    expect(isOwnerAlive({ ...me, processStartedAt: me.processStartedAt! - 60_000 })).toBe(false);
  });

  it('counts an exited pid, a released directory and an unreadable owner as gone', () => {
    expect(isOwnerAlive({ ...me, pid: deadPid(), processStartedAt: undefined })).toBe(false);
    expect(isOwnerAlive({ ...me, released: true })).toBe(false);
    expect(isOwnerAlive(null)).toBe(false);
  });

  it('counts an owner on another host as alive, since its pid cannot be checked from here', () => {
    expect(isOwnerAlive({ ...me, hostname: `not-${me.hostname}`, pid: deadPid() })).toBe(true);
  });

  it('gives each generation to exactly one claimant and keeps the first owner as the original', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'synclog-owner-'));
    const other = { ...me, producerId: 'other', startedAt: 2_000 };

    expect(claimGeneration(dir, 0, me)).toBe(true);
    expect(claimGeneration(dir, 1, other)).toBe(true);
    expect(claimGeneration(dir, 1, me)).toBe(false);

    expect(readOwnership(dir)).toEqual({ generation: 1, current: other, original: me });
  });
});
