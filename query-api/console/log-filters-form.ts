import { html } from 'hono/html';
import type { SeenCodes } from '../logs/seen-codes.ts';
import type { Reader } from '../reader/reader.ts';
import { codeCheckboxes, flaggedCheckbox } from './code-choices.ts';
import { firstValueOf, valuesOf, type RawParams } from './log-filters.ts';
import { LOGS_TEXT } from './logs-text.ts';

/** The log list's filter form, showing the filters in force; `note` says what the personal data policy hides from search. */
export function logFiltersForm(raw: RawParams, seen: SeenCodes, reader: Reader, note = '') {
  const t = reader.text(LOGS_TEXT);
  const one = (key: string) => firstValueOf(raw, key);
  const field = (id: string, name: string, label: string) =>
    html`<div>
      <label for="${id}">${label}</label><input id="${id}" type="text" name="${name}" value="${one(name)}" />
    </div>`;
  return html`<form class="filters" method="get" action="/console/logs" role="search" aria-label="${t('filter_label')}">
    ${codeCheckboxes('status', seen, valuesOf(raw, 'status'), reader)}
    ${codeCheckboxes('operation_type', seen, valuesOf(raw, 'operation_type'), reader)}
    ${field('f-role', 'customer_role', t('customer_role'))} ${flaggedCheckbox(one('flagged') === 'true', reader)}
    ${field('f-issue', 'validation_issue', t('validation_issue'))} ${field('f-from', 'from', t('from'))}
    ${field('f-to', 'to', t('to'))}
    <div>
      <label for="f-q">${t('search')}</label
      ><input id="f-q" type="search" name="q" value="${one('q')}" ${note ? html`aria-describedby="search-note"` : ''} />
      ${note ? html`<p class="muted" id="search-note">${note}</p>` : ''}
    </div>
    ${field('f-corr', 'correlation_id', t('correlation_id'))}
    <div>
      <label for="f-reviewed">${t('reviewed')}</label
      ><select id="f-reviewed" name="reviewed">
        <option value="">${t('any')}</option>
        <option value="true" ${one('reviewed') === 'true' ? html` selected` : ''}>${t('reviewed_yes')}</option>
        <option value="false" ${one('reviewed') === 'false' ? html` selected` : ''}>${t('reviewed_no')}</option>
      </select>
    </div>
    <div>
      <button type="submit">${t('apply')}</button> <a class="button secondary" href="/console/logs">${t('clear')}</a>
    </div>
  </form>`;
}
