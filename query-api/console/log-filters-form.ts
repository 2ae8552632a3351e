import { html } from 'hono/html';
import type { SeenCodes } from '../logs/seen-codes.ts';
import { codeCheckboxes, flaggedCheckbox } from './code-choices.ts';
import { firstValueOf, valuesOf, type RawParams } from './log-filters.ts';

/** The log list's filter form, showing the filters in force; `note` says what the personal data policy hides from search. */
export function logFiltersForm(raw: RawParams, seen: SeenCodes, note = '') {
  const one = (key: string) => firstValueOf(raw, key);
  return html`<form class="filters" method="get" action="/console/logs" role="search" aria-label="Filter logs">
    ${codeCheckboxes('status', seen, valuesOf(raw, 'status'))}
    ${codeCheckboxes('operation_type', seen, valuesOf(raw, 'operation_type'))}
    <div>
      <label for="f-role">Customer role</label
      ><input id="f-role" type="text" name="customer_role" value="${one('customer_role')}" />
    </div>
    ${flaggedCheckbox(one('flagged') === 'true')}
    <div>
      <label for="f-issue">Validation issue (code)</label
      ><input id="f-issue" type="text" name="validation_issue" value="${one('validation_issue')}" />
    </div>
    <div>
      <label for="f-from">From (ISO or now-7d)</label
      ><input id="f-from" type="text" name="from" value="${one('from')}" />
    </div>
    <div><label for="f-to">To</label><input id="f-to" type="text" name="to" value="${one('to')}" /></div>
    <div>
      <label for="f-q">Search: e-mail, name, 1C id, correlation id, error</label
      ><input id="f-q" type="search" name="q" value="${one('q')}" ${note ? html`aria-describedby="search-note"` : ''} />
      ${note ? html`<p class="muted" id="search-note">${note}</p>` : ''}
    </div>
    <div>
      <label for="f-corr">Correlation id</label
      ><input id="f-corr" type="text" name="correlation_id" value="${one('correlation_id')}" />
    </div>
    <div>
      <label for="f-reviewed">Reviewed</label
      ><select id="f-reviewed" name="reviewed">
        <option value="">any</option>
        <option value="true" ${one('reviewed') === 'true' ? html` selected` : ''}>reviewed</option>
        <option value="false" ${one('reviewed') === 'false' ? html` selected` : ''}>not reviewed</option>
      </select>
    </div>
    <div><button type="submit">Apply filters</button> <a class="button secondary" href="/console/logs">Clear</a></div>
  </form>`;
}
