/**
 * The vocabularies of a sync log record. Operation types and statuses default to the product
 * story's lists; an application may declare its own (transport options, setup), and a value
 * outside the declared list is stored flagged, never rejected. Customer roles are free keywords.
 */

export const OPERATION_TYPES = [
  'import_from_1c',
  'export_to_1c',
  'sync_changes',
  'conflict_resolution',
  'data_validation',
  'batch_operation',
] as const;
/** One of the story's operation types (an application may log its own codes beside these). */
export type OperationType = (typeof OPERATION_TYPES)[number];

export const STATUSES = ['success', 'error', 'warning', 'skipped', 'pending'] as const;
/** One of the story's statuses (an application may log its own codes beside these). */
export type Status = (typeof STATUSES)[number];

/** Severity, lowest first. Winston's and syslog's level names are mapped onto these by the shipper. */
export const LEVELS = ['debug', 'info', 'notice', 'warn', 'error', 'critical'] as const;
export type Level = (typeof LEVELS)[number];

/** Roles the story's CRM uses; only examples: a role is any keyword an application uses. */
export const STORY_CUSTOMER_ROLES = ['customer', 'dealer', 'distributor', 'partner', 'employee'] as const;
export type CustomerRole = string;

/** A closed vocabulary with its labels, as setup records it and reports and the console show it. */
export interface VocabularyEntry {
  readonly code: string;
  readonly en: string;
  readonly ru: string;
}

export const OPERATION_TYPE_LABELS: readonly VocabularyEntry[] = [
  { code: 'import_from_1c', en: 'Import from 1C', ru: 'Импорт из 1С' },
  { code: 'export_to_1c', en: 'Export to 1C', ru: 'Экспорт в 1С' },
  { code: 'sync_changes', en: 'Sync changes', ru: 'Синхронизация изменений' },
  { code: 'conflict_resolution', en: 'Conflict resolution', ru: 'Разрешение конфликтов' },
  { code: 'data_validation', en: 'Data validation', ru: 'Валидация данных' },
  { code: 'batch_operation', en: 'Batch operation', ru: 'Пакетная операция' },
];

export const STATUS_LABELS: readonly VocabularyEntry[] = [
  { code: 'success', en: 'Success', ru: 'Успешно' },
  { code: 'error', en: 'Error', ru: 'Ошибка' },
  { code: 'warning', en: 'Warning', ru: 'Предупреждение' },
  { code: 'skipped', en: 'Skipped', ru: 'Пропущено' },
  { code: 'pending', en: 'Pending', ru: 'В процессе' },
];

/**
 * Why a stored record is flagged (`validation_issues`): the value named was kept under
 * `invalid.<field>` (or `event_time_raw`) and left out of the typed field.
 */
export const VALIDATION_ISSUES = [
  'event_time_unreadable',
  'event_time_future',
  'operation_type_unknown',
  'status_unknown',
] as const;
/** One of the codes above, or `<field>_invalid` for a value of the wrong type or out of range. */
export type ValidationIssue = (typeof VALIDATION_ISSUES)[number] | `${string}_invalid`;

/** Limits applied before indexing; the original length of a truncated message is kept. */
export const LIMITS = {
  errorMessageChars: 8_192,
  errorStackChars: 16_384,
  messageChars: 8_192,
  /** `error_message.keyword` is used for top-N aggregations; longer messages are grouped by fingerprint. */
  errorMessageKeywordChars: 1_024,
  fingerprintChars: 512,
  idChars: 256,
  /** Raw values kept under `invalid.*` and `event_time_raw` are cut to this length. */
  rawValueChars: 1_024,
} as const;
