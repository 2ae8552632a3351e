import { currentContext } from '../context/correlation-context.ts';
import { contextFields } from '../loggers/context-fields.ts';

/**
 * A call as the transport ships it: a plain `logger.info(…)` made inside a correlation run
 * (`runWithContext`, `startRun`, the service's request context) or an active OpenTelemetry span
 * gets the ids it does not carry itself — correlation, trace and span ids, read when it is logged,
 * as the typed loggers add them. What the call carries wins; the application's object is not
 * changed (other transports see it as logged).
 */
export function withCallContext(info: Record<string, unknown>): Record<string, unknown> {
  const context = currentContext();
  if (isEmpty(context)) return info;
  let added: Record<string, string> | undefined;
  for (const [key, value] of Object.entries(contextFields(context)))
    if (info[key] === undefined) (added ??= {})[key] = value;
  return added ? { ...info, ...added } : info;
}

/** Without allocating: this runs on every call, and most calls are made outside any context. */
function isEmpty(object: object): boolean {
  for (const _ in object) return false;
  return true;
}
