import type { ErrorContext, GeneratedError } from './error-catalogue.ts';
import { catalogueError, errorWithMessage, hostileError } from './error-catalogue.ts';
import type { HostileCycle } from './hostile-strings.ts';
import { OVER_LONG_SIZES, overLongErrorMessage } from './hostile-strings.ts';
import type { SeededRandom } from './seeded-random.ts';

export interface ErrorSource {
  next(context: ErrorContext): GeneratedError;
}

/**
 * Hands out the errors of a generated data set in order. Which errors are over-long is decided up
 * front by position (one among the first few, a second a few dozen later) rather than by chance
 * per error, so every data set with more than a handful of errors holds one, and a large one two.
 */
export function errorSource(random: SeededRandom, hostile: HostileCycle): ErrorSource {
  const first = random.int(0, 3);
  const overLongAt = [first, first + random.int(10, 40)];
  let issued = 0;
  return {
    next(context) {
      const position = issued++;
      const overLong = overLongAt.indexOf(position);
      if (overLong >= 0) {
        const message = overLongErrorMessage(random, OVER_LONG_SIZES[overLong]!);
        return errorWithMessage('UnexpectedResponseError', message, context.operationType);
      }
      if (random.chance(0.06)) return hostileError(context, hostile.next());
      return catalogueError(random, context);
    },
  };
}
