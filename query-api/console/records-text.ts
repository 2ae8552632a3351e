import { defineCatalogue } from '../../opensearch/i18n/catalogue.ts';
import type { Translate } from '../../opensearch/i18n/translator.ts';

/** The records table's texts (the log list and the live tail), and how personal data values are marked. */
export const RECORDS_TEXT = defineCatalogue(
  {
    caption: 'Matching records, newest first',
    time: 'Time ({zone})',
    operation: 'Operation',
    status: 'Status',
    customer: 'Customer',
    email: 'E-mail',
    onec_id: '1C id',
    ms: 'ms',
    message: 'Message',
    flagged: 'flagged',
    hashed: 'hashed (key {key})',
    masked: 'masked',
    masked_title: 'hidden by the personal data policy',
    policy: 'Personal data policy: {notes}.',
    names_masked: 'customer names are masked: word search on a name finds nothing',
    names_hashed: 'customer names are hashed: only an exact name finds them',
    emails_hashed: 'e-mails are hashed: search by the exact address',
    emails_gone: 'e-mails are not stored: search by e-mail finds nothing',
    ids_hashed: '1C ids are hashed: search by the exact id',
    ids_gone: '1C ids are not stored',
  },
  {
    caption: 'Подходящие записи, сначала новые',
    time: 'Время ({zone})',
    operation: 'Операция',
    status: 'Статус',
    customer: 'Клиент',
    email: 'E-mail',
    onec_id: 'ID в 1С',
    ms: 'мс',
    message: 'Сообщение',
    flagged: 'есть замечания',
    hashed: 'хеш (ключ {key})',
    masked: 'скрыто',
    masked_title: 'скрыто политикой персональных данных',
    policy: 'Политика персональных данных: {notes}.',
    names_masked: 'имена клиентов скрыты: поиск по слову из имени ничего не найдёт',
    names_hashed: 'имена клиентов хешированы: найдёт только точное имя',
    emails_hashed: 'e-mail хешированы: ищите по точному адресу',
    emails_gone: 'e-mail не хранятся: поиск по e-mail ничего не найдёт',
    ids_hashed: 'ID в 1С хешированы: ищите по точному ID',
    ids_gone: 'ID в 1С не хранятся',
  },
);

export type RecordsText = Translate<keyof typeof RECORDS_TEXT.en>;
