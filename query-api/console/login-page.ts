import { html } from 'hono/html';
import type { Fragment } from './console-layout.ts';

/** Sign in with an API token; the session carries the token's role. */
export const loginPage = (next: string, problem: string | null): Fragment =>
  html` <div class="login">
    ${problem ? html`<p class="notice error-box" role="alert">${problem}</p>` : ''}
    <form method="post" action="/console/login">
      <input type="hidden" name="next" value="${next}" />
      <p>
        <label for="token">API token</label
        ><input id="token" type="password" name="token" autocomplete="current-password" required autofocus />
      </p>
      <p class="muted">
        The token's role applies: viewers search and read, analysts also export, admins also review and acknowledge.
      </p>
      <button type="submit">Sign in</button>
    </form>
  </div>`;
