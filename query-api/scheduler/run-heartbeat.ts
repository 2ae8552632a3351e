import type { Clock } from '../../opensearch/shared/clock.ts';

export interface RunHeartbeat {
  /** No beat starts after this; one already writing finishes. */
  stop(): void;
}

/**
 * Beats every `everyMs` while a run lasts, so other instances see it alive. The next beat is
 * armed when the previous one has finished writing, and only while `alive()` holds.
 */
export function startHeartbeat(
  clock: Clock,
  everyMs: number,
  beat: () => Promise<void>,
  alive: () => boolean,
): RunHeartbeat {
  let handle: unknown = null;
  const arm = () => {
    handle = clock.setTimeout(() => {
      void beat().then(() => handle !== null && alive() && arm());
    }, everyMs);
  };
  arm();
  return {
    stop() {
      clock.clearTimeout(handle);
      handle = null;
    },
  };
}
