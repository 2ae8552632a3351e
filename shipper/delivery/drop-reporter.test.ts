import { describe, expect, it } from 'vitest';
import { manualClock } from '../../test/manual-clock.ts';
import { createDropReporter } from './drop-reporter.ts';

describe('drop reports', () => {
  it('tells a human at most once per interval, with the drops since the last report', () => {
    const { clock, advance } = manualClock();
    const warnings: string[] = [];
    const reporter = createDropReporter({ clock, intervalMs: 10_000, warn: (m) => warnings.push(m) });
    reporter.dropped(1, 'queue-full');
    reporter.dropped(4, 'queue-full');
    advance(9_999);
    reporter.dropped(2, 'queue-full');
    expect(warnings).toEqual(['synclog: dropped 1 record(s) (queue-full) since the last report']);
    advance(1);
    reporter.dropped(3, 'spool-full');
    expect(warnings.at(-1)).toBe('synclog: dropped 9 record(s) (spool-full) since the last report');
  });
});
