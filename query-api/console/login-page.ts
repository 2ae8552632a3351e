import { html } from 'hono/html';
import type { Fragment } from './console-layout.ts';
import type { LoginText } from './login-text.ts';

/** Sign in with an API token; the session carries the token's role. */
export const loginPage = (t: LoginText, next: string, problem: string | null): Fragment =>
  html` <div class="login">
    ${problem ? html`<p class="notice error-box" role="alert">${problem}</p>` : ''}
    <form method="post" action="/console/login">
      <input type="hidden" name="next" value="${next}" />
      <p>
        <label for="token">${t('token')}</label
        ><input id="token" type="password" name="token" autocomplete="current-password" required autofocus />
      </p>
      <p class="muted">${t('roles')}</p>
      <button type="submit">${t('submit')}</button>
    </form>
  </div>`;
