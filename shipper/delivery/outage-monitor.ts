import type { Clock } from '../../opensearch/shared/clock.ts';
import { backoffDelay } from './backoff.ts';
import type { ProbeResult } from './write-probe.ts';

export interface OutageMonitorDeps {
  readonly clock: Clock;
  readonly random: () => number;
  readonly maxProbeIntervalMs: number;
  readonly probe: () => Promise<ProbeResult>;
  readonly onOutage: (reason: string) => void;
  readonly onRecovered: () => void;
  readonly isClosing: () => boolean;
}

/**
 * The shipper's outage state. While the cluster is down, one light probe checks on it at a growing
 * interval (first after ~500 ms, then up to `maxProbeIntervalMs`): no storm, no spin. An outage
 * that starts again soon after a recovery keeps the grown interval, so a cluster that answers the
 * probe yet fails deliveries cannot drive fast outage/recovery cycles.
 */
export function createOutageMonitor(deps: OutageMonitorDeps) {
  let active = false;
  let attempt = 0;
  let recoveredAt = Number.NEGATIVE_INFINITY;
  const settleMs = Math.max(60_000, deps.maxProbeIntervalMs * 4);

  function probeLater() {
    const delay = backoffDelay(
      attempt++,
      { initialBackoffMs: Math.min(500, deps.maxProbeIntervalMs), maxBackoffMs: deps.maxProbeIntervalMs },
      deps.random,
    );
    deps.clock.setTimeout(() => {
      deps.probe().then(
        (result) => {
          if (!result.up) return deps.isClosing() ? undefined : probeLater();
          active = false;
          recoveredAt = deps.clock.now();
          deps.onRecovered();
        },
        () => (deps.isClosing() ? undefined : probeLater()),
      );
    }, delay);
  }

  return {
    get active() {
      return active;
    },
    /** Enters an outage (once) and starts probing. */
    start(reason: string) {
      if (active) return;
      active = true;
      if (deps.clock.now() - recoveredAt > settleMs) attempt = 0;
      deps.onOutage(reason);
      probeLater();
    },
  };
}
