import { defineCatalogue } from '../../opensearch/i18n/catalogue.ts';
import type { Translate } from '../../opensearch/i18n/translator.ts';

/** The sign-in page's texts. */
export const LOGIN_TEXT = defineCatalogue(
  {
    title: 'Sign in',
    token: 'API token',
    roles:
      "The token's role applies: viewers search and read, analysts also export, admins also review and acknowledge.",
    submit: 'Sign in',
    unknown_token: 'That token is not known.',
    too_many: {
      one: 'Too many failed sign-ins from your address: try again in {count} minute.',
      other: 'Too many failed sign-ins from your address: try again in {count} minutes.',
    },
  },
  {
    title: 'Вход',
    token: 'API-токен',
    roles:
      'Действует роль токена: наблюдатель ищет и читает записи, аналитик также выгружает их, администратор также отмечает проверку и подтверждает оповещения.',
    submit: 'Войти',
    unknown_token: 'Такой токен неизвестен.',
    too_many: {
      one: 'Слишком много неудачных попыток входа с вашего адреса: повторите через {count} минуту.',
      few: 'Слишком много неудачных попыток входа с вашего адреса: повторите через {count} минуты.',
      many: 'Слишком много неудачных попыток входа с вашего адреса: повторите через {count} минут.',
      other: 'Слишком много неудачных попыток входа с вашего адреса: повторите через {count} минуты.',
    },
  },
);

export type LoginText = Translate<keyof typeof LOGIN_TEXT.en>;
