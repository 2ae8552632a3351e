import { defineCatalogue } from '../../opensearch/i18n/catalogue.ts';

/** The live tail's texts; the states and the waiting count are handed to the page's script. */
export const TAIL_TEXT = defineCatalogue(
  {
    title: 'Live tail',
    filter_label: 'Filter the live tail',
    apply: 'Apply filters',
    pause: 'Pause',
    resume: 'Resume',
    connecting: 'Connecting…',
    live: 'Live',
    paused: 'Paused',
    reconnecting: 'Reconnecting…',
    waiting: { one: '{count} new record waiting', other: '{count} new records waiting' },
  },
  {
    title: 'Поток записей',
    filter_label: 'Фильтры потока записей',
    apply: 'Применить',
    pause: 'Пауза',
    resume: 'Продолжить',
    connecting: 'Подключение…',
    live: 'В реальном времени',
    paused: 'На паузе',
    reconnecting: 'Переподключение…',
    waiting: {
      one: '{count} новая запись ждёт показа',
      few: '{count} новые записи ждут показа',
      many: '{count} новых записей ждут показа',
      other: '{count} новой записи ждут показа',
    },
  },
);
