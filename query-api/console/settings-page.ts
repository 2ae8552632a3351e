import { html } from 'hono/html';
import type { Reader } from '../reader/reader.ts';
import type { Fragment } from './console-layout.ts';
import { SETTINGS_TEXT } from './settings-text.ts';

/** Every zone the runtime knows, UTC first (`supportedValuesOf` leaves it out on some runtimes). */
const ZONES = ['UTC', ...Intl.supportedValuesOf('timeZone').filter((zone) => zone !== 'UTC')];

/** The time zone setting: the zone in use, and a list of every zone to choose another. */
export function settingsPage(reader: Reader, next: string, problem: string | null): Fragment {
  const t = reader.text(SETTINGS_TEXT);
  const zones = ZONES.includes(reader.timeZone) ? ZONES : [reader.timeZone, ...ZONES];
  return html`${problem ? html`<p class="notice error-box" role="alert">${problem}</p>` : ''}
    <p id="zone-in-use">${t('in_use', { zone: reader.timeZone })}</p>
    <p class="muted">${t('hint')}</p>
    <form class="filters" method="get" action="/console/time-zone" id="time-zone-form">
      <input type="hidden" name="next" value="${next}" />
      <div>
        <label for="s-tz">${t('time_zone')}</label
        ><select id="s-tz" name="zone" translate="no">
          ${zones.map((zone) => html`<option${zone === reader.timeZone ? html` selected` : ''}>${zone}</option>`)}
        </select>
      </div>
      <div><button type="submit">${t('save')}</button> <a class="button secondary" href="${next}">${t('back')}</a></div>
    </form>`;
}
