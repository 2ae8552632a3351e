import { html } from 'hono/html';
import { translator } from '../../opensearch/i18n/translator.ts';
import { hashKeyId } from '../../opensearch/privacy/hmac-keys.ts';
import { MASKED } from '../../opensearch/privacy/personal-data-protector.ts';
import type { SearchPrivacy } from '../../opensearch/privacy/search-terms.ts';
import type { Fragment } from './console-layout.ts';
import { RECORDS_TEXT, type RecordsText } from './records-text.ts';

const ENGLISH = translator(RECORDS_TEXT, 'en');

/**
 * A personal data value as the console shows it: a hash is marked `hashed` with its key id (the
 * full hash in its title: searching it finds the same records), a masked value is marked
 * `masked`; anything else is the value itself. Default language: English.
 */
export function personalValue(value: string | undefined, t: RecordsText = ENGLISH): Fragment | string {
  if (value === undefined) return '';
  const keyId = hashKeyId(value);
  if (keyId !== undefined)
    return html`<span class="hashed" translate="yes" data-hashed="${keyId}" title="${value}">${t('hashed', { key: keyId })}</span>`;
  if (value === MASKED)
    return html`<span class="masked" translate="yes" title="${t('masked_title')}">${t('masked')}</span>`;
  return value;
}

/** What the log search box says of values the personal data policy hides; empty under `keep`. */
export function searchNote(privacy: SearchPrivacy | undefined, t: RecordsText = ENGLISH): string {
  if (!privacy) return '';
  const { fields } = privacy.policy;
  const notes: string[] = [];
  if (fields['customer.name'] === 'mask' || fields['customer.name'] === 'drop') notes.push(t('names_masked'));
  else if (fields['customer.name'] === 'hash') notes.push(t('names_hashed'));
  if (fields.customer_email === 'hash') notes.push(t('emails_hashed'));
  else if (fields.customer_email !== 'keep') notes.push(t('emails_gone'));
  if (fields.onec_id === 'hash') notes.push(t('ids_hashed'));
  else if (fields.onec_id !== 'keep') notes.push(t('ids_gone'));
  return notes.length === 0 ? '' : t('policy', { notes: notes.join('; ') });
}
