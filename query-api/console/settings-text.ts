import { defineCatalogue } from '../../opensearch/i18n/catalogue.ts';

/** The settings page's texts: the time zone times are shown in. */
export const SETTINGS_TEXT = defineCatalogue(
  {
    title: 'Settings',
    time_zone: 'Time zone',
    in_use: 'Times are shown in {zone}.',
    hint: 'Your browser suggests its own zone the first time you open the console; choose another here.',
    save: 'Save',
    back: 'Back',
    unknown_zone: 'Unknown time zone: choose one from the list.',
  },
  {
    title: 'Настройки',
    time_zone: 'Часовой пояс',
    in_use: 'Время показывается в поясе {zone}.',
    hint: 'При первом входе консоль берёт часовой пояс браузера; здесь можно выбрать другой.',
    save: 'Сохранить',
    back: 'Назад',
    unknown_zone: 'Неизвестный часовой пояс: выберите его из списка.',
  },
);
