/** The closed vocabularies of a sync log record. Reports, filters and dashboards enumerate these. */

export const OPERATION_TYPES = [
  'import_from_1c',
  'export_to_1c',
  'sync_changes',
  'conflict_resolution',
  'data_validation',
  'batch_operation',
] as const;
export type OperationType = (typeof OPERATION_TYPES)[number];

export const STATUSES = ['success', 'error', 'warning', 'skipped', 'pending'] as const;
export type Status = (typeof STATUSES)[number];

/** Severity, lowest first. Winston's and syslog's level names are mapped onto these by the shipper. */
export const LEVELS = ['debug', 'info', 'notice', 'warn', 'error', 'critical'] as const;
export type Level = (typeof LEVELS)[number];

export const CUSTOMER_ROLES = ['customer', 'dealer', 'distributor', 'partner', 'employee'] as const;
export type CustomerRole = (typeof CUSTOMER_ROLES)[number];

/** Limits applied before indexing; the original length of a truncated message is kept. */
export const LIMITS = {
  errorMessageChars: 8_192,
  errorStackChars: 16_384,
  messageChars: 8_192,
  /** `error_message.keyword` is used for top-N aggregations; longer messages are grouped by fingerprint. */
  errorMessageKeywordChars: 1_024,
  fingerprintChars: 512,
  idChars: 256,
} as const;
