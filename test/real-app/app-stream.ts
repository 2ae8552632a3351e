import { STATUSES } from '../../opensearch/record/vocabulary.ts';

/**
 * A CRM's sync stream as the application itself logs it: plain `logger.info(message, meta)` calls
 * with its own customer roles, its own operation type, a status the story does not know, Moscow
 * time offsets, a day-first timestamp format, a clock two days fast, records older than anything
 * kept, and bad durations. Each call carries the truth the test expects of it, decided here when
 * the call is built, not by running synclog's code.
 */
export interface AppCall {
  readonly level: 'info' | 'warn' | 'error';
  readonly message: string;
  readonly meta: Record<string, unknown>;
  /** What must become of it. */
  readonly expect: Expectation;
}

export type Expectation =
  /** Stored with this event time (ms); an operation when `operation` is set. */
  | {
      kind: 'on-day';
      at: number;
      operation?: { key: string; type?: string; status?: string; durationMs?: number; flagged: boolean };
    }
  /** Stored at its arrival time, flagged with this issue. */
  | { kind: 'arrival'; issue: 'event_time_unreadable' | 'event_time_future' }
  /** Dead-lettered: older than the delete horizon. */
  | { kind: 'expired' };

export const APP_ROLES = ['retail', 'wholesale', 'trainer'] as const;
export const APP_TYPE = 'price_update';
export const STORY_TYPES = ['import_from_1c', 'export_to_1c', 'sync_changes'] as const;
/** A status the application uses that the story's vocabulary lacks: stored flagged. */
export const APP_STATUS = 'partial';

const HOUR = 3_600_000;

/** mulberry32: a small seeded generator in [0, 1), so a seed fixes the whole stream. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Moscow local time with its offset, the way the CRM writes it. */
function moscow(ms: number): string {
  const local = new Date(ms + 3 * HOUR).toISOString().slice(0, 23);
  return `${local}+03:00`;
}

export function appStream(options: { seed: number; day: number; now: number; operations: number }): AppCall[] {
  const random = seededRandom(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const calls: AppCall[] = [];
  const at = () => options.day + 3 * HOUR + Math.floor(random() * 18 * HOUR);

  for (let i = 0; i < options.operations; i++) {
    const type = random() < 0.2 ? APP_TYPE : pick(STORY_TYPES);
    const customer = {
      id: `c-${Math.floor(random() * 400)}`,
      name: `Клиент ${i}`,
      role: pick(APP_ROLES),
      phone: '+7 900 000-00-00',
    };
    const time = at();
    const shape = random();
    if (shape < 0.25) {
      // pending, then the outcome, sharing the application's own id: one operation.
      const id = `op-${options.seed}-${i}`;
      const status = pick(['success', 'error'] as const);
      const durationMs = Math.floor(random() ** 3 * 20_000);
      calls.push({
        level: 'info',
        message: 'Sync started',
        meta: { operation_id: id, operation_type: type, status: 'pending', customer, '@timestamp': moscow(time) },
        expect: { kind: 'on-day', at: time },
      });
      calls.push({
        level: status === 'error' ? 'error' : 'info',
        message: status === 'error' ? `Sync failed for ${customer.id}` : 'Sync finished',
        meta: {
          operation_id: id,
          operation_type: type,
          status,
          customer,
          duration_ms: durationMs,
          '@timestamp': moscow(time + 1_000),
          ...(status === 'error' ? { error: new Error(`1C answered 500 for ${customer.id}`) } : {}),
        },
        expect: { kind: 'on-day', at: time + 1_000, operation: { key: id, type, status, durationMs, flagged: false } },
      });
    } else if (shape < 0.85) {
      // The common case: one call, no operation id.
      const status = random() < 0.08 ? APP_STATUS : pick(STATUSES.filter((s) => s !== 'pending'));
      const badDuration = random() < 0.05;
      const durationMs = Math.floor(random() ** 2 * 5_000);
      calls.push({
        level: status === 'error' ? 'error' : 'info',
        message: `Customer ${customer.id} ${type}`,
        meta: {
          operation_type: type,
          status,
          customer,
          duration_ms: badDuration ? (random() < 0.5 ? -durationMs - 1 : String(durationMs)) : durationMs,
          event_time: time,
        },
        expect: {
          kind: 'on-day',
          at: time,
          operation: {
            key: '',
            type,
            ...(status === APP_STATUS ? {} : { status }),
            ...(badDuration ? {} : { durationMs }),
            flagged: badDuration || status === APP_STATUS,
          },
        },
      });
    } else {
      // Plain messages: no operation at all.
      calls.push({
        level: pick(['info', 'warn'] as const),
        message: `Cache warmed for ${customer.id}`,
        meta: { customer, '@timestamp': new Date(time).toISOString() },
        expect: { kind: 'on-day', at: time },
      });
    }
  }
  return calls;
}

/** Calls whose event time cannot be used or must not be: day-first text, a fast clock, the far past and future. */
export function wrongClockCalls(options: { seed: number; now: number; count: number }): AppCall[] {
  const random = seededRandom(options.seed);
  const calls: AppCall[] = [];
  for (let i = 0; i < options.count; i++) {
    const r = random();
    if (r < 0.25) {
      const d = new Date(options.now);
      const dayFirst = `${String(d.getUTCDate()).padStart(2, '0')}.${String(d.getUTCMonth() + 1).padStart(2, '0')}.${d.getUTCFullYear()} 10:00:00`;
      calls.push({
        level: 'info',
        message: 'day-first time',
        meta: { timestamp: dayFirst },
        expect: { kind: 'arrival', issue: 'event_time_unreadable' },
      });
    } else if (r < 0.45) {
      calls.push({
        level: 'info',
        message: 'fast clock',
        meta: { '@timestamp': new Date(options.now + 2 * 24 * HOUR).toISOString() },
        expect: { kind: 'arrival', issue: 'event_time_future' },
      });
    } else if (r < 0.75) {
      // Centuries apart, before 1970 included: each its own period, none of them kept.
      const year = 1 + Math.floor(random() * 2000);
      calls.push({
        level: 'info',
        message: 'ancient',
        meta: { event_time: Date.UTC(year, Math.floor(random() * 12), 1 + Math.floor(random() * 28)) },
        expect: { kind: 'expired' },
      });
    } else {
      const year = 2100 + Math.floor(random() * 7000);
      calls.push({
        level: 'info',
        message: 'far future',
        meta: { event_time: `${year}-0${1 + Math.floor(random() * 9)}-15T12:00:00Z` },
        expect: { kind: 'arrival', issue: 'event_time_future' },
      });
    }
  }
  return calls;
}
