import type { Catalogue, Text } from '../../opensearch/i18n/catalogue.ts';
import { ALERTS_TEXT } from './alerts-text.ts';
import { LAYOUT_TEXT } from './layout-text.ts';
import { LOGIN_TEXT } from './login-text.ts';
import { LOGS_TEXT } from './logs-text.ts';
import { RECORD_TEXT } from './record-text.ts';
import { RECORDS_TEXT } from './records-text.ts';
import { REPORTS_PAGE_TEXT } from './reports-page-text.ts';
import { RETENTION_TEXT } from './retention-text.ts';
import { SETTINGS_TEXT } from './settings-text.ts';
import { TAIL_TEXT } from './tail-text.ts';

/** Every catalogue the console's pages are written from, one per feature. */
export const CONSOLE_CATALOGUES: readonly Catalogue<string>[] = [
  LAYOUT_TEXT,
  LOGIN_TEXT,
  LOGS_TEXT,
  RECORDS_TEXT,
  RECORD_TEXT,
  TAIL_TEXT,
  REPORTS_PAGE_TEXT,
  ALERTS_TEXT,
  RETENTION_TEXT,
  SETTINGS_TEXT,
];

const forms = (text: Text) => (typeof text === 'string' ? [text] : Object.values(text));

/** Every text of one language, each form of a plural text apart, split at its `{param}` holes. */
const fragments = (locale: 'en' | 'ru') =>
  CONSOLE_CATALOGUES.flatMap((catalogue) => Object.values(catalogue[locale]).flatMap(forms))
    .flatMap((text) => text.split(/\{\w+\}/))
    .map((fragment) => fragment.trim())
    .filter(Boolean);

/**
 * The English fragments a page shows literally, leaving out those Russian writes alike (`E-mail`,
 * `CSV`) and those without a Latin letter (`→`). A page rendered in Russian shows none of them.
 */
export const englishFragments = (): string[] => {
  const russian = new Set(fragments('ru'));
  return [...new Set(fragments('en'))].filter((text) => /[A-Za-z]/.test(text) && !russian.has(text));
};
