import { LIMITS } from '../../opensearch/record/vocabulary.ts';
import { safeValue } from './safe-value.ts';

/** A value as text, for `invalid.*` and `event_time_raw`: what the application sent, readable and bounded. */
export function rawText(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') text = String(value);
  else if (value instanceof Date) text = Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  else {
    try {
      text = JSON.stringify(safeValue(value)) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > LIMITS.rawValueChars ? text.slice(0, LIMITS.rawValueChars) : text;
}

/** A value as the text of a typed field (`message`, `error_message`): strings as they are, others as JSON, cut to `max`. */
export function fieldText(value: unknown, max: number): string {
  const s =
    typeof value === 'string' ? value : value === undefined ? '' : (JSON.stringify(safeValue(value)) ?? String(value));
  return s.length > max ? s.slice(0, max) : s;
}
