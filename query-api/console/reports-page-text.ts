import { defineCatalogue } from '../../opensearch/i18n/catalogue.ts';

/** The reports page's own texts (the report document brings its own words). */
export const REPORTS_PAGE_TEXT = defineCatalogue(
  {
    title: 'Reports',
    choose: 'Choose a report',
    report: 'Report',
    daily: 'Daily summary',
    weekly: 'Weekly error analysis',
    monthly: 'Monthly customer activity',
    date: "Date (the day, the week's first day, or a day of the month)",
    show: 'Show',
    csv: 'CSV',
    excel: 'Excel',
    printable: 'Printable page',
    none: 'none',
    bad_date: 'Date: expected a day as YYYY-MM-DD.',
  },
  {
    title: 'Отчёты',
    choose: 'Выбор отчёта',
    report: 'Отчёт',
    daily: 'Ежедневная сводка',
    weekly: 'Еженедельный анализ ошибок',
    monthly: 'Ежемесячная активность клиентов',
    date: 'Дата (день, первый день недели или любой день месяца)',
    show: 'Показать',
    csv: 'CSV',
    excel: 'Excel',
    printable: 'Версия для печати',
    none: 'нет',
    bad_date: 'Дата: ожидается день в формате ГГГГ-ММ-ДД.',
  },
);
