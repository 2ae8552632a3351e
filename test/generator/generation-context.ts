import type { PoolCustomer } from './customer-pool.ts';
import type { ErrorSource } from './error-source.ts';
import type { HostileCycle } from './hostile-strings.ts';
import type { Producer } from './record-envelope.ts';
import type { SeededRandom } from './seeded-random.ts';

/** Everything the record builders share while one data set is generated. */
export interface GenerationContext {
  readonly random: SeededRandom;
  /** The time range records fall in, epoch milliseconds, both inclusive. */
  readonly fromMs: number;
  readonly toMs: number;
  readonly customers: readonly PoolCustomer[];
  readonly producers: readonly Producer[];
  readonly hostile: HostileCycle;
  readonly errors: ErrorSource;
}
