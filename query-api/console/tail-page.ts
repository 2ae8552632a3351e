import { html } from 'hono/html';
import { OPERATION_TYPES, STATUSES } from '../../opensearch/record/vocabulary.ts';
import type { Fragment } from './console-layout.ts';
import { filterQuery, type RawParams } from './logs-page.ts';

/** Live tail: new records as they are indexed (Server-Sent Events), with the list's filters, paused and resumed at will. */
export function tailPage(raw: RawParams): Fragment {
  const chosen = (key: string) => new Set([raw[key] ?? []].flat());
  return html`
<form class="filters" method="get" action="/console/tail" aria-label="Filter the live tail">
  <fieldset><legend>Status</legend>${STATUSES.map((s) => html`<label><input type="checkbox" name="status" value="${s}"${chosen('status').has(s) ? html` checked` : ''}>${s}</label>`)}</fieldset>
  <fieldset><legend>Operation type</legend>${OPERATION_TYPES.map((t) => html`<label><input type="checkbox" name="operation_type" value="${t}"${chosen('operation_type').has(t) ? html` checked` : ''}>${t}</label>`)}</fieldset>
  <div><button type="submit">Apply filters</button></div>
</form>
<div class="actions" id="tail" data-events="/console/tail/events?${filterQuery(raw)}">
  <button type="button" id="tail-toggle" aria-pressed="false">Pause</button>
  <span id="tail-state" role="status" aria-live="polite">Connecting…</span>
</div>
<div class="table-wrap"><table><thead><tr><th scope="col">Time (UTC)</th><th scope="col">Operation</th><th scope="col">Status</th><th scope="col" class="optional">Customer</th><th scope="col">Message</th></tr></thead>
<tbody id="tail-rows"></tbody></table></div>`;
}
