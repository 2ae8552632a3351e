import { html } from 'hono/html';
import type { SeenCodes } from '../logs/seen-codes.ts';
import { codeCheckboxes, flaggedCheckbox } from './code-choices.ts';
import type { Fragment } from './console-layout.ts';
import { filterQuery, valuesOf, type RawParams } from './log-filters.ts';

/** Live tail: new records as they are indexed (Server-Sent Events), with the list's filters, paused and resumed at will. */
export function tailPage(raw: RawParams, seen: SeenCodes): Fragment {
  return html` <form class="filters" method="get" action="/console/tail" aria-label="Filter the live tail">
      ${codeCheckboxes('status', seen, valuesOf(raw, 'status'))}
      ${codeCheckboxes('operation_type', seen, valuesOf(raw, 'operation_type'))}
      ${flaggedCheckbox(valuesOf(raw, 'flagged')[0] === 'true')}
      <div><button type="submit">Apply filters</button></div>
    </form>
    <div class="actions" id="tail" data-events="/console/tail/events?${filterQuery(raw)}">
      <button type="button" id="tail-toggle" aria-pressed="false">Pause</button>
      <span id="tail-state" role="status" aria-live="polite">Connecting…</span>
    </div>
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">Time (UTC)</th>
            <th scope="col">Operation</th>
            <th scope="col">Status</th>
            <th scope="col" class="optional">Customer</th>
            <th scope="col">Message</th>
          </tr>
        </thead>
        <tbody id="tail-rows"></tbody>
      </table>
    </div>`;
}
