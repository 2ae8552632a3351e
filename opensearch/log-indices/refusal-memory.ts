import type { IndexReadiness } from './index-readiness.ts';

/**
 * Remembers why an index was refused for `memoryMs`, so the records that keep arriving for it
 * are answered from memory instead of asking the cluster again each time.
 */
export interface RefusalMemory {
  /** The refusal still remembered for `index`, if any. */
  recall(index: string): IndexReadiness | undefined;
  /** Remembers `readiness` for `index` and returns it. */
  remember(index: string, readiness: IndexReadiness): IndexReadiness;
}

export function createRefusalMemory(now: () => number, memoryMs: number): RefusalMemory {
  const refusals = new Map<string, { until: number; readiness: IndexReadiness }>();
  return {
    recall(index) {
      const remembered = refusals.get(index);
      return remembered && remembered.until > now() ? remembered.readiness : undefined;
    },
    remember(index, readiness) {
      refusals.set(index, { until: now() + memoryMs, readiness });
      return readiness;
    },
  };
}
