/** The runs under way, so that stopping can wait for them. */
export interface InFlightRuns {
  /** Remembers `work` until it settles; returns it. */
  track(work: Promise<void>): Promise<void>;
  /** Resolves when every run tracked so far has settled, however it ended. */
  settled(): Promise<void>;
}

export function createInFlightRuns(): InFlightRuns {
  const running = new Set<Promise<void>>();
  return {
    track(work) {
      running.add(work);
      // Both ways, so that a rejected run leaves no second, unhandled rejection behind.
      const forget = () => void running.delete(work);
      void work.then(forget, forget);
      return work;
    },
    async settled() {
      await Promise.allSettled([...running]);
    },
  };
}
