/** How a timed call ended. `durationMs` is raw clock time, not rounded. */
export type CallOutcome =
  | { readonly ok: true; readonly durationMs: number }
  | { readonly ok: false; readonly durationMs: number; readonly error: unknown };

/**
 * Runs `fn`, sync or async, and reports its outcome to `settle` once it has finished: when it
 * returns, or when the promise it returns settles. The result and any error reach the caller
 * unchanged; a thrown error is rethrown after it was reported.
 */
export function timeCall<R>(clock: () => number, fn: () => R, settle: (outcome: CallOutcome) => void): R {
  const start = clock();
  const elapsed = () => Math.max(0, clock() - start);
  let result: R;
  try {
    result = fn();
  } catch (error) {
    report(settle, { ok: false, durationMs: elapsed(), error });
    throw error;
  }
  if (!isThenable(result)) {
    report(settle, { ok: true, durationMs: elapsed() });
    return result;
  }
  return Promise.resolve(result).then(
    (value) => {
      report(settle, { ok: true, durationMs: elapsed() });
      return value;
    },
    (error: unknown) => {
      report(settle, { ok: false, durationMs: elapsed(), error });
      throw error;
    },
  ) as R;
}

/**
 * Logging must not change the outcome of the work it describes: a 1C export that succeeded and
 * then failed to log would be retried and done twice. A failing logger becomes a process warning.
 */
function report(settle: (outcome: CallOutcome) => void, outcome: CallOutcome): void {
  try {
    settle(outcome);
  } catch (error) {
    process.emitWarning(`synclog: logging a timed call failed: ${(error as Error)?.message ?? String(error)}`);
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
