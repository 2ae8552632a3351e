import { html } from 'hono/html';
import { formatDecimal } from '../../opensearch/i18n/number-format.ts';
import type { Hold } from '../../opensearch/lifecycle/legal-hold.ts';
import type { IndexStatusRow } from '../../opensearch/lifecycle/retention-status.ts';
import type { Reader } from '../reader/reader.ts';
import type { Fragment } from './console-layout.ts';
import { RETENTION_TEXT, type RetentionText } from './retention-text.ts';

const size = (bytes: number, reader: Reader, t: RetentionText) =>
  bytes >= 1e9
    ? t('gb', { size: formatDecimal(bytes / 1e9, reader.locale, 1) })
    : bytes >= 1e6
      ? t('mb', { size: formatDecimal(bytes / 1e6, reader.locale, 1) })
      : t('kb', { size: reader.count(Math.round(bytes / 1e3)) });

/**
 * The next step as the lifecycle states it (`cold at <ISO>`, `delete due now`, `delete blocked:
 * <reason>`), in the reader's words: step names are the lifecycle's codes, shown as they are.
 */
function nextStep(next: string, reader: Reader, t: RetentionText): Fragment | string {
  const code = (step: string) => html`<code translate="no">${step}</code>`;
  const at = /^(\S+) at (\d{4}-\d{2}-\d{2}T\S+)$/.exec(next);
  if (at) return html`${code(at[1]!)} ${t('next_at', { time: reader.time(at[2]!) })}`;
  const due = /^(\S+) due now$/.exec(next);
  if (due) return html`${code(due[1]!)} ${t('due_now')}`;
  const blocked = /^delete blocked: (.*)$/.exec(next);
  if (blocked) return html`${t('blocked')} <span translate="no">${blocked[1]}</span>`;
  return html`<span translate="no">${next}</span>`;
}

const stateOf = (state: string, t: RetentionText) => (state in RETENTION_TEXT.en ? t(state as 'hot') : state);

/** Each log index's lifecycle state and next step, and the legal holds. */
export function retentionPage(rows: readonly IndexStatusRow[], holds: readonly Hold[], reader: Reader): Fragment {
  const t = reader.text(RETENTION_TEXT);
  return html` <h2>${t('indices')}</h2>
    <div class="table-wrap">
      <table id="indices">
        <thead>
          <tr>
            <th scope="col">${t('index')}</th>
            <th scope="col">${t('state')}</th>
            <th scope="col" class="optional">${t('period')}</th>
            <th scope="col" class="num">${t('age')}</th>
            <th scope="col" class="num optional">${t('documents')}</th>
            <th scope="col" class="num optional">${t('size')}</th>
            <th scope="col">${t('held')}</th>
            <th scope="col">${t('next')}</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (r) =>
              html`<tr>
                <td translate="no">${r.index}</td>
                <td data-code="${r.state}">${stateOf(r.state, t)}</td>
                <td class="optional">${reader.day(r.period_start.slice(0, 10))} – ${reader.day(r.period_end.slice(0, 10))}</td>
                <td class="num">${reader.count(r.age_days)}</td>
                <td class="num optional">${reader.count(r.docs)}</td>
                <td class="num optional">${size(r.bytes, reader, t)}</td>
                <td>${r.held ? t('yes') : ''}</td>
                <td class="message">
                  ${nextStep(r.next, reader, t)}${r.error ? html`<br /><span class="status-error" translate="no">${r.error}</span>` : ''}
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    <h2>${t('holds')}</h2>
    ${
      holds.length === 0
        ? html`<p class="muted">${t('no_holds')} <code translate="no">synclog retention hold</code></p>`
        : html`<ul id="holds">
            ${holds.map((h) => html`<li><strong translate="no">${'index' in h ? h.index : `${reader.day(h.from.slice(0, 10))} – ${reader.day(h.to.slice(0, 10))}`}</strong>: <span translate="no">${h.reason}</span> <span class="muted">(<span translate="no">${h.by}</span>, ${reader.time(h.held_at)})</span></li>`)}
          </ul>`
    }`;
}
