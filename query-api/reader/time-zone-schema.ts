import { z } from 'zod';
import { knownTimeZone } from '../../opensearch/i18n/date-format.ts';

/** An IANA time zone parameter or setting (`Europe/Moscow`, `UTC`), refused with a clear message otherwise. */
export const timeZoneSchema = z
  .string()
  .refine((zone) => knownTimeZone(zone) !== null, 'expected an IANA time zone such as UTC or Europe/Moscow');
