/** An error as the loggers put it on `info.error`: the shape normalise-record reads. */
export interface LoggedError {
  readonly message: string;
  readonly type: string;
  readonly stack?: string;
}

/**
 * Whatever was thrown, as plain data. Plain rather than the `Error` itself because winston's JSON
 * formats print an `Error` as `{}`: console and file transports would lose it.
 */
export function toLoggedError(thrown: unknown): LoggedError {
  if (thrown instanceof Error) {
    return { message: thrown.message, type: errorType(thrown), ...(thrown.stack ? { stack: thrown.stack } : {}) };
  }
  if (thrown && typeof thrown === 'object') {
    const o = thrown as Record<string, unknown>;
    const type = typeof o.type === 'string' ? o.type : typeof o.name === 'string' ? o.name : 'Object';
    const message = typeof o.message === 'string' ? o.message : describe(thrown);
    return { message, type, ...(typeof o.stack === 'string' ? { stack: o.stack } : {}) };
  }
  return { message: describe(thrown), type: typeof thrown };
}

/**
 * `class SyncTimeout extends Error {}` keeps the name "Error" unless it sets one; its constructor
 * name is what tells such errors apart in reports.
 */
function errorType(error: Error): string {
  if (error.name && error.name !== 'Error') return error.name;
  const constructorName = error.constructor?.name;
  return typeof constructorName === 'string' && constructorName.length > 0 ? constructorName : 'Error';
}

function describe(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
