import type { Logger } from 'winston';

/** The levels synclog's loggers emit. `critical` is not a winston npm level; see `writeInfo`. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'critical';

/** A winston `info` object as the loggers build it: record fields as top-level keys. */
export type LogInfo = { level: LogLevel; message: string } & Record<string, unknown>;

// triple-beam's LEVEL: the level winston and every transport filter on. `info.level` is what the
// record stores (normalise-record reads it), so the two may differ on purpose.
const LEVEL = Symbol.for('level');

/** Where a level goes when the logger does not define it: its equivalents in npm and syslog levels, first found wins. */
const ROUTES: Record<LogLevel, readonly string[]> = {
  debug: ['debug', 'verbose', 'silly'],
  info: ['info', 'notice'],
  warn: ['warn', 'warning'],
  error: ['error', 'err'],
  critical: ['critical', 'crit', 'error'],
};

/**
 * Writes `info` through `logger` so that every transport whose level admits it receives it, even
 * when the logger's levels lack `info.level`.
 *
 * Winston 3 filters in each transport by `levels[transportLevel] >= levels[info[LEVEL]]`; for a
 * level it does not know that comparison is false, so `logger.log({ level: 'critical' })` on a
 * default (npm levels) logger reaches no transport and prints "Unknown logger level". Here such a
 * record is routed under the nearest known level (`critical` → `error`; with syslog levels
 * `warn` → `warning`, `critical` → `crit`) while `info.level` keeps the name the record stores.
 */
export function writeInfo(logger: Logger, info: LogInfo): void {
  const route = routeOf(logger, info.level);
  if (route === info.level || route === undefined) {
    logger.log(info);
    return;
  }
  // What `logger.log(info)` does, except that it would overwrite info[LEVEL] with info.level.
  const routed: Record<string | symbol, unknown> = { ...info, [LEVEL]: route };
  if (logger.defaultMeta) Object.assign(routed, logger.defaultMeta);
  logger.write(routed);
}

function routeOf(logger: Logger, level: LogLevel): string | undefined {
  const levels = logger.levels as Record<string, number>;
  return ROUTES[level].find((candidate) => Object.hasOwn(levels, candidate));
}
