import { html } from 'hono/html';
import { hashKeyId } from '../../opensearch/privacy/hmac-keys.ts';
import { MASKED } from '../../opensearch/privacy/personal-data-protector.ts';
import type { SearchPrivacy } from '../../opensearch/privacy/search-terms.ts';
import type { Fragment } from './console-layout.ts';

/**
 * A personal data value as the console shows it: a hash is marked `hashed` with its key id (the
 * full hash in its title: searching it finds the same records), a masked value is marked
 * `masked`; anything else is the value itself.
 */
export function personalValue(value: string | undefined): Fragment | string {
  if (value === undefined) return '';
  const keyId = hashKeyId(value);
  if (keyId !== undefined)
    return html`<span class="hashed" data-hashed="${keyId}" title="${value}">hashed (key ${keyId})</span>`;
  if (value === MASKED) return html`<span class="masked" title="hidden by the personal data policy">masked</span>`;
  return value;
}

/** What the log search box says of values the personal data policy hides; empty under `keep`. */
export function searchNote(privacy: SearchPrivacy | undefined): string {
  if (!privacy) return '';
  const { fields } = privacy.policy;
  const notes: string[] = [];
  if (fields['customer.name'] === 'mask' || fields['customer.name'] === 'drop')
    notes.push('customer names are masked: word search on a name finds nothing');
  else if (fields['customer.name'] === 'hash') notes.push('customer names are hashed: only an exact name finds them');
  if (fields.customer_email === 'hash') notes.push('e-mails are hashed: search by the exact address');
  else if (fields.customer_email !== 'keep') notes.push('e-mails are not stored: search by e-mail finds nothing');
  if (fields.onec_id === 'hash') notes.push('1C ids are hashed: search by the exact id');
  else if (fields.onec_id !== 'keep') notes.push('1C ids are not stored');
  return notes.length === 0 ? '' : `Personal data policy: ${notes.join('; ')}.`;
}
