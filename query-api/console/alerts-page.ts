import { html } from 'hono/html';
import type { StoredAlert } from '../../opensearch/alerting/alert-inbox.ts';
import { csrfField, type Fragment } from './console-layout.ts';
import { can, type ConsoleUser } from './console-user.ts';

/** Who acknowledged, when, and why, as one line of text: `by, at: comment`. */
const acknowledgement = ({ by, at, comment }: NonNullable<StoredAlert['acknowledged']>) =>
  html`${by}, ${at}${comment ? html`: ${comment}` : ''}`;

/** Alerts, firing first then resolved, latest event first; admins acknowledge. */
export function alertsPage(user: ConsoleUser, alerts: readonly StoredAlert[], state: string): Fragment {
  return html` <form class="filters" method="get" action="/console/alerts" aria-label="Filter alerts">
      <div>
        <label for="a-state">State</label
        ><select id="a-state" name="state">
          <option value="">any</option>
          ${['firing', 'resolved'].map((s) => html`<option${s === state ? html` selected` : ''}>${s}</option>`)}
        </select>
      </div>
      <div><button type="submit">Show</button></div>
    </form>
    ${
      alerts.length === 0
        ? html`<p class="muted">No alerts.</p>`
        : html`<div class="table-wrap">
            <table id="alerts">
              <thead>
                <tr>
                  <th scope="col">State</th>
                  <th scope="col">Severity</th>
                  <th scope="col">Alert</th>
                  <th scope="col" class="optional">Since</th>
                  <th scope="col">Summary</th>
                  <th scope="col">Acknowledged</th>
                </tr>
              </thead>
              <tbody>
                ${alerts.map(
                  (a) =>
                    html`<tr data-alert="${a.dedup_key}">
                      <td class="status status-${a.state === 'firing' ? 'error' : 'success'}">${a.state}</td>
                      <td>${a.severity}</td>
                      <td>${a.dedup_key}<br /><span class="muted">${a.source}</span></td>
                      <td class="optional">${a.started_at}</td>
                      <td class="message">${a.summary}</td>
                      <td>
                        ${
                          a.acknowledged
                            ? acknowledgement(a.acknowledged)
                            : can(user, 'admin')
                              ? html`<form method="post" action="/console/alerts/ack">
                                  ${csrfField(user)}<input type="hidden" name="key" value="${a.dedup_key}" /><label
                                    for="ack-${a.dedup_key}"
                                    >Comment</label
                                  ><input id="ack-${a.dedup_key}" type="text" name="comment" maxlength="2000" />
                                  <button type="submit">Acknowledge</button>
                                </form>`
                              : html`<span class="muted">no</span>`
                        }
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
    }`;
}
