import type { Level } from '../../opensearch/record/vocabulary.ts';

/** Winston's npm and syslog level names, and common aliases, on synclog's six levels. */
const LEVEL_MAP: Record<string, Level> = {
  silly: 'debug',
  debug: 'debug',
  verbose: 'debug',
  trace: 'debug',
  http: 'info',
  info: 'info',
  notice: 'notice',
  warn: 'warn',
  warning: 'warn',
  error: 'error',
  err: 'error',
  crit: 'critical',
  critical: 'critical',
  alert: 'critical',
  emerg: 'critical',
  fatal: 'critical',
};

export function toLevel(level: unknown): Level {
  return (typeof level === 'string' && LEVEL_MAP[level.toLowerCase()]) || 'info';
}
