import { html } from 'hono/html';
import type { PluralText } from '../../opensearch/i18n/catalogue.ts';
import type { SeenCodes } from '../logs/seen-codes.ts';
import type { Reader } from '../reader/reader.ts';
import { codeCheckboxes, flaggedCheckbox } from './code-choices.ts';
import type { Fragment } from './console-layout.ts';
import { filterQuery, valuesOf, type RawParams } from './log-filters.ts';
import { RECORDS_TEXT } from './records-text.ts';
import { TAIL_TEXT } from './tail-text.ts';

/** The plural forms of the waiting count, for the script to choose with `Intl.PluralRules` (`{count}` left in). */
const waitingForms = (reader: Reader) => {
  const forms = TAIL_TEXT[reader.locale].waiting as PluralText;
  return html`data-waiting-one="${forms.one ?? forms.other}" data-waiting-few="${forms.few ?? forms.other}"
  data-waiting-many="${forms.many ?? forms.other}" data-waiting-other="${forms.other}"`;
};

/**
 * Live tail: new records as they are indexed (Server-Sent Events), with the list's filters, paused
 * and resumed at will. The server words and formats each row; the texts the script shows come in
 * `data-` attributes (the Content-Security-Policy forbids inline scripts).
 */
export function tailPage(raw: RawParams, seen: SeenCodes, reader: Reader): Fragment {
  const t = reader.text(TAIL_TEXT);
  const columns = reader.text(RECORDS_TEXT);
  return html` <form class="filters" method="get" action="/console/tail" aria-label="${t('filter_label')}">
      ${codeCheckboxes('status', seen, valuesOf(raw, 'status'), reader)}
      ${codeCheckboxes('operation_type', seen, valuesOf(raw, 'operation_type'), reader)}
      ${flaggedCheckbox(valuesOf(raw, 'flagged')[0] === 'true', reader)}
      <div><button type="submit">${t('apply')}</button></div>
    </form>
    <div
      class="actions"
      id="tail"
      data-events="/console/tail/events?${filterQuery(raw)}"
      data-live="${t('live')}"
      data-paused="${t('paused')}"
      data-pause="${t('pause')}"
      data-resume="${t('resume')}"
      data-reconnecting="${t('reconnecting')}"
      ${waitingForms(reader)}
    >
      <button type="button" id="tail-toggle" aria-pressed="false">${t('pause')}</button>
      <span id="tail-state" role="status" aria-live="polite">${t('connecting')}</span>
    </div>
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">${columns('time', { zone: reader.timeZone })}</th>
            <th scope="col">${columns('operation')}</th>
            <th scope="col">${columns('status')}</th>
            <th scope="col" class="optional">${columns('customer')}</th>
            <th scope="col">${columns('message')}</th>
          </tr>
        </thead>
        <tbody id="tail-rows"></tbody>
      </table>
    </div>`;
}
