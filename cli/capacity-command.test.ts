import { describe, expect, it } from 'vitest';
import { ConfigError } from '../opensearch/config/parse-env.ts';
import { capacityCommand } from './capacity-command.ts';

const run = (args: string | undefined, json = false, env: Record<string, string> = {}) => {
  const lines: string[] = [];
  const code = capacityCommand(args, { json }, env, (line) => lines.push(line));
  return { code, text: lines.join('\n') };
};

describe('synclog capacity', () => {
  it('prints one row per index period with the recommended one in bold', () => {
    const { code, text } = run('10_000_000');
    expect(code).toBe(0);
    expect(text.split('\n').filter((line) => /^\| \*?\*?(day|week|month)/.test(line))).toHaveLength(3);
    expect(text).toContain('| **week** | **2** |');
  });

  it('plans with the configured retention', () => {
    const short = JSON.parse(run('10000000', true, { SYNCLOG_RETENTION_DELETE_DAYS: '180' }).text);
    const long = JSON.parse(run('10000000', true).text);
    const coldDays = (out: { options: Array<{ plan: { cold: { days: number } } }> }) => out.options[0]!.plan.cold.days;
    expect(coldDays(short)).toBe(180 - 90 + 1);
    expect(coldDays(long)).toBe(730 - 90 + 1);
  });

  it('refuses a load that is not a whole number of records', () => {
    expect(() => run('ten')).toThrow(ConfigError);
    expect(() => run(undefined)).toThrow(ConfigError);
    expect(() => run('0')).toThrow(ConfigError);
  });
});
