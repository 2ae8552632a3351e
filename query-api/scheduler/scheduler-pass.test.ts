import { describe, expect, it } from 'vitest';
import { createInFlightRuns } from './in-flight-runs.ts';
import type { ResolvedJob } from './scheduled-job.ts';
import { createSchedulerPass } from './scheduler-pass.ts';

const job = (name: string, enabled = true): ResolvedJob => ({
  ...{ name, cron: '0 * * * *', timezone: 'UTC', enabled, catchUp: 1, maxAttempts: 3 },
  handler: () => {},
});

function setUp(hold: () => Promise<boolean>, busy: string[] = []) {
  const ran: string[] = [];
  const leader: boolean[] = [];
  const lines: string[] = [];
  let holds = 0;
  let observed = 0;
  const stopping = new AbortController();
  const pass = createSchedulerPass({
    jobs: [job('a'), job('b'), job('off', false)],
    lease: { hold: () => (holds++, hold()) },
    dueRuns: { run: async (j) => void ran.push(j.name), busy: (name) => busy.includes(name) },
    inFlight: createInFlightRuns(),
    observe: async () => void observed++,
    metrics: { leader: (isLeader) => leader.push(isLeader) },
    stopped: stopping.signal,
    log: (line) => lines.push(line),
  });
  return { pass, ran, leader, lines, stopping, counts: () => ({ holds, observed }) };
}

describe('a scheduler pass', () => {
  it('says once when this instance takes the lease and once when it loses it', async () => {
    const holding = [true, true, false, false, true];
    const { pass, lines } = setUp(async () => holding.shift()!);
    for (let i = 0; i < 5; i++) await pass.tick();
    expect(lines).toEqual(['scheduler: leading', 'scheduler: no longer leading', 'scheduler: leading']);
  });

  it('as leader runs every enabled job that is not still busy, after reporting the run records', async () => {
    const { pass, ran, leader, counts } = setUp(async () => true, ['b']);
    await pass.tick();
    expect(ran).toEqual(['a']);
    expect(leader).toEqual([true]);
    expect(counts()).toEqual({ holds: 1, observed: 1 });
  });

  it('shares one pass between overlapping ticks', async () => {
    let grant = (_leader: boolean) => {};
    const granted = new Promise<boolean>((resolve) => (grant = resolve));
    const { pass, ran, counts } = setUp(() => granted);
    const first = pass.tick();
    const second = pass.tick();
    grant(true);
    await Promise.all([first, second]);
    expect(counts().holds).toBe(1);
    expect(ran).toEqual(['a', 'b']);
    await pass.tick();
    expect(counts().holds).toBe(2);
  });

  it('without the lease runs nothing but still reports the run records', async () => {
    const { pass, ran, leader, counts } = setUp(async () => false);
    await pass.tick();
    expect([ran, leader, counts().observed]).toEqual([[], [false], 1]);
  });

  it('counts an unreachable lease as not leading and logs it', async () => {
    const { pass, ran, leader, lines } = setUp(() => Promise.reject(new Error('connect ECONNREFUSED')));
    await pass.tick();
    expect([ran, leader]).toEqual([[], [false]]);
    expect(lines).toEqual(['scheduler: cannot reach the lease: connect ECONNREFUSED']);
  });

  it('does nothing once the scheduler stopped', async () => {
    const { pass, ran, stopping, counts } = setUp(async () => true);
    stopping.abort();
    await pass.tick();
    expect([ran, counts()]).toEqual([[], { holds: 0, observed: 0 }]);
  });
});
