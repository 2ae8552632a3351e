import { fieldText } from './raw-text.ts';
import { safeValue } from './safe-value.ts';

/** The error a log call carries, wherever the application or winston put it; null when none. */
export function errorOf(info: Record<string, unknown>): { message: string; type?: string; stack?: string } | null {
  const e = info.error;
  if (e instanceof Error) return { message: e.message, type: e.name, ...(e.stack ? { stack: e.stack } : {}) };
  if (e && typeof e === 'object') {
    const o = e as Record<string, unknown>;
    return {
      message: fieldText(o.message ?? JSON.stringify(safeValue(o)), Infinity),
      ...optionalText('type', o.type ?? o.name),
      ...optionalText('stack', o.stack),
    };
  }
  if (typeof e === 'string') return { message: e, ...optionalText('type', info.error_type) };
  if (typeof info.error_message === 'string')
    return { message: info.error_message, ...optionalText('type', info.error_type) };
  // winston's `format.errors()` or `logger.error(err)` puts the stack on `info` itself.
  if (typeof info.stack === 'string')
    return { message: fieldText(info.message, Infinity), stack: info.stack, ...optionalText('type', info.name) };
  return null;
}

function optionalText<K extends string>(key: K, value: unknown): Partial<Record<K, string>> {
  return typeof value === 'string' && value.length > 0 ? ({ [key]: value } as Record<K, string>) : {};
}
