import { fieldText } from './raw-text.ts';
import { safeValue } from './safe-value.ts';

type CallError = { message: string; type?: string; stack?: string };

/** The error a log call carries, wherever the application or winston put it; null when none. */
export function errorOf(info: Record<string, unknown>): CallError | null {
  const e = info.error;
  if (e instanceof Error)
    return e.stack ? { message: e.message, type: e.name, stack: e.stack } : { message: e.message, type: e.name };
  if (e && typeof e === 'object') {
    const o = e as Record<string, unknown>;
    const error = withText(
      { message: fieldText(o.message ?? JSON.stringify(safeValue(o)), Infinity) },
      'type',
      o.type ?? o.name,
    );
    return withText(error, 'stack', o.stack);
  }
  if (typeof e === 'string') return withText({ message: e }, 'type', info.error_type);
  if (typeof info.error_message === 'string') return withText({ message: info.error_message }, 'type', info.error_type);
  // winston's `format.errors()` or `logger.error(err)` puts the stack on `info` itself.
  if (typeof info.stack === 'string')
    return withText({ message: fieldText(info.message, Infinity), stack: info.stack }, 'type', info.name);
  return null;
}

/** Sets `key` when `value` is non-empty text (a log call's hot path: no object spread per call). */
function withText(error: CallError, key: 'type' | 'stack', value: unknown): CallError {
  if (typeof value === 'string' && value.length > 0) error[key] = value;
  return error;
}
