import { html } from 'hono/html';
import type { Hold } from '../../opensearch/lifecycle/legal-hold.ts';
import type { IndexStatusRow } from '../../opensearch/lifecycle/retention-status.ts';
import type { Fragment } from './console-layout.ts';

const size = (bytes: number) =>
  bytes >= 1e9
    ? `${(bytes / 1e9).toFixed(1)} GB`
    : bytes >= 1e6
      ? `${(bytes / 1e6).toFixed(1)} MB`
      : `${Math.round(bytes / 1e3)} kB`;

/** Each log index's lifecycle state and next step, and the legal holds. */
export function retentionPage(rows: readonly IndexStatusRow[], holds: readonly Hold[]): Fragment {
  return html` <h2>Log indices</h2>
    <div class="table-wrap">
      <table id="indices">
        <thead>
          <tr>
            <th scope="col">Index</th>
            <th scope="col">State</th>
            <th scope="col" class="optional">Period</th>
            <th scope="col" class="num">Age (days)</th>
            <th scope="col" class="num optional">Documents</th>
            <th scope="col" class="num optional">Size</th>
            <th scope="col">Held</th>
            <th scope="col">Next</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (r) =>
              html`<tr>
                <td>${r.index}</td>
                <td>${r.state}</td>
                <td class="optional">${r.period_start.slice(0, 10)} – ${r.period_end.slice(0, 10)}</td>
                <td class="num">${r.age_days}</td>
                <td class="num optional">${r.docs.toLocaleString('en-US')}</td>
                <td class="num optional">${size(r.bytes)}</td>
                <td>${r.held ? 'yes' : ''}</td>
                <td class="message">
                  ${r.next}${r.error ? html`<br /><span class="status-error">${r.error}</span>` : ''}
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    <h2>Legal holds</h2>
    ${
      holds.length === 0
        ? html`<p class="muted">None. (<code>synclog retention hold</code> places one.)</p>`
        : html`<ul id="holds">
            ${holds.map((h) => html`<li><strong>${'index' in h ? h.index : `${h.from} – ${h.to}`}</strong>: ${h.reason} <span class="muted">(${h.by}, ${h.held_at})</span></li>`)}
          </ul>`
    }`;
}
