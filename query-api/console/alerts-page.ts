import { html } from 'hono/html';
import type { StoredAlert } from '../../opensearch/alerting/alert-inbox.ts';
import type { Reader } from '../reader/reader.ts';
import { ALERTS_TEXT } from './alerts-text.ts';
import { csrfField, type Fragment } from './console-layout.ts';
import { can, type ConsoleUser } from './console-user.ts';

/** A state or severity in the reader's language; one the page does not know shows as its code. */
const worded = (reader: Reader, code: string) =>
  code in ALERTS_TEXT.en ? reader.text(ALERTS_TEXT)(code as 'firing') : code;

/** Who acknowledged, when (in the reader's zone), and why, as one line of text: `by, at: comment`. */
const acknowledgement = (reader: Reader, { by, at, comment }: NonNullable<StoredAlert['acknowledged']>) =>
  html`<span translate="no">${by}</span>, ${reader.time(at)}${comment ? html`: <span translate="no">${comment}</span>` : ''}`;

/** The acknowledgement cell: who did it, the admin's form, or "no". */
function acknowledgeCell(user: ConsoleUser, reader: Reader, a: StoredAlert) {
  const t = reader.text(ALERTS_TEXT);
  if (a.acknowledged) return acknowledgement(reader, a.acknowledged);
  if (!can(user, 'admin')) return html`<span class="muted">${t('no')}</span>`;
  return html`<form method="post" action="/console/alerts/ack">
    ${csrfField(user)}<input type="hidden" name="key" value="${a.dedup_key}" /><label for="ack-${a.dedup_key}"
      >${t('comment')}</label
    ><input id="ack-${a.dedup_key}" type="text" name="comment" maxlength="2000" />
    <button type="submit">${t('acknowledge')}</button>
  </form>`;
}

/** Alerts, firing first then resolved, latest event first; admins acknowledge. */
export function alertsPage(user: ConsoleUser, reader: Reader, alerts: readonly StoredAlert[], state: string): Fragment {
  const t = reader.text(ALERTS_TEXT);
  return html` <form class="filters" method="get" action="/console/alerts" aria-label="${t('filter_label')}">
      <div>
        <label for="a-state">${t('state')}</label
        ><select id="a-state" name="state">
          <option value="">${t('any')}</option>
          ${(['firing', 'resolved'] as const).map((s) => html`<option value="${s}" ${s === state ? html` selected` : ''}>${t(s)}</option>`)}
        </select>
      </div>
      <div><button type="submit">${t('show')}</button></div>
    </form>
    ${
      alerts.length === 0
        ? html`<p class="muted">${t('none')}</p>`
        : html`<div class="table-wrap">
            <table id="alerts">
              <thead>
                <tr>
                  <th scope="col">${t('state')}</th>
                  <th scope="col">${t('severity')}</th>
                  <th scope="col">${t('alert')}</th>
                  <th scope="col" class="optional">${t('since')}</th>
                  <th scope="col">${t('summary')}</th>
                  <th scope="col">${t('acknowledged')}</th>
                </tr>
              </thead>
              <tbody>
                ${alerts.map(
                  (a) =>
                    html`<tr data-alert="${a.dedup_key}">
                      <td class="status status-${a.state === 'firing' ? 'error' : 'success'}" data-code="${a.state}">${worded(reader, a.state)}</td>
                      <td data-code="${a.severity}">${worded(reader, a.severity)}</td>
                      <td translate="no">${a.dedup_key}<br /><span class="muted">${a.source}</span></td>
                      <td class="optional">${reader.time(a.started_at)}</td>
                      <td class="message" translate="no">${a.summary}</td>
                      <td>${acknowledgeCell(user, reader, a)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
    }`;
}
