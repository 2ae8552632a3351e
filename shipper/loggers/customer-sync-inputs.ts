import type { CustomerRole, OperationType, Status } from '../../opensearch/record/vocabulary.ts';

/** A customer as the sync code knows it. */
export interface SyncCustomer {
  /** The platform's id. Without one the record's `customer` is `null`: a customer only 1C knows. */
  readonly id?: string;
  readonly name?: string;
  readonly email?: string;
  readonly role?: CustomerRole;
  /** The 1C catalogue code (`ЦБ-000123`), stored as `onec_id`. */
  readonly onecId?: string;
  /** `legal`, `individual`…: stored as `details.customer_type` and lifted to `customer_type`. */
  readonly type?: string;
}

/** How an operation ended. */
export interface SyncResult {
  readonly status: Status;
  /** The import (or export) created the customer instead of updating it. */
  readonly createdNew?: boolean;
  readonly durationMs?: number;
  /** Free-form; kept under `details`. */
  readonly details?: Readonly<Record<string, unknown>>;
}

/** What every log call may add. */
export interface OperationInput {
  /** Default: a new id. Pass the id of an earlier `pending` record to tie the outcome to it. */
  readonly operationId?: string;
  /** Default: a sentence built from the operation type, status and customer name. */
  readonly message?: string;
}

/** What an import and an export share. The platform's customer id is `customer.id`, the 1C one `customer.onecId`. */
export interface CustomerTransferInput extends OperationInput {
  readonly customer: SyncCustomer;
  readonly result: SyncResult;
  readonly error?: unknown;
}

/** A time given as a `Date`, epoch milliseconds or text; stored as ISO text when it is a valid time, else as given. */
export type TimeInput = Date | number | string;

export interface CustomerImportInput extends CustomerTransferInput {
  /** Where the data came from: `1c_http`, `1c_file`, `exchange_plan`…; lifted to `import_source`. */
  readonly source?: string;
  /** When 1C produced or sent the data (the record's own time is when it was logged); `details.import_time`. */
  readonly importTime?: TimeInput;
  /** The names of the fields received; `details.data_fields`. */
  readonly dataFields?: readonly string[];
  /** The role the platform gave the customer; lifted to `assigned_role`. */
  readonly assignedRole?: CustomerRole;
}

/** What 1C answered to an export: kept bounded (the body to its first 1 000 characters). */
export interface OnecResponse {
  readonly statusCode?: number;
  /** A summary of the body; personal data under the `strict` policy (masked). */
  readonly body?: string;
}

export interface CustomerExportInput extends CustomerTransferInput {
  /** The 1C base or endpoint: lifted to `export_destination`. The customer's role is `customer.role`. */
  readonly destination?: string;
  /** When the data was sent to 1C; `details.export_time`. */
  readonly exportTime?: TimeInput;
  /** `xml`, `json`, `commerceml`…; lifted to `export_format`. */
  readonly format?: string;
  /** The names of the fields sent; `details.exported_fields`. */
  readonly exportedFields?: readonly string[];
  /** The id 1C gave the customer back: `details.assigned_onec_id`, and `onec_id` when the customer had none. */
  readonly assignedOnecId?: string;
  readonly onecResponse?: OnecResponse;
}

/** One field whose two sides disagree. The values are personal data under the `strict` policy (masked). */
export interface ConflictingField {
  readonly field: string;
  readonly localValue?: unknown;
  readonly remoteValue?: unknown;
}

export interface ConflictData {
  /** `field_mismatch`, `duplicate`, `deleted_in_1c`, `concurrent_edit`…; lifted to `conflict_type`. */
  readonly type: string;
  /** One conflicting field; several go in `fields`. */
  readonly field?: string;
  readonly localValue?: unknown;
  readonly remoteValue?: unknown;
  /** Every conflicting field, when there are several; `details.conflict.fields`. */
  readonly fields?: readonly ConflictingField[];
  /** The strategy applied: `crm_wins`, `1c_wins`, `merge`, `manual`…; lifted to `resolution_strategy`. */
  readonly strategy?: string;
  /** The same as `strategy`, under its earlier name; `strategy` wins when both are given. */
  readonly resolution?: string;
  /** How it was settled: `automatic`, `manual`…; lifted to `resolution_method`. */
  readonly method?: string;
  readonly manualReviewRequired?: boolean;
}

export interface ConflictResolutionInput extends OperationInput {
  readonly customer: SyncCustomer;
  readonly conflict: ConflictData;
  /** Default status: `warning` when a manual review is required, else `success`. */
  readonly result?: Partial<SyncResult>;
}

export interface SyncErrorInput extends OperationInput {
  readonly operationType: OperationType;
  readonly error: unknown;
  readonly customer?: SyncCustomer;
  readonly durationMs?: number;
  readonly details?: Readonly<Record<string, unknown>>;
}

export interface ValidationIssue {
  readonly field: string;
  readonly rule: string;
  readonly message?: string;
}

export interface DataValidationInput extends OperationInput {
  readonly customer: SyncCustomer;
  readonly errors?: readonly ValidationIssue[];
  readonly warnings?: readonly ValidationIssue[];
  readonly rulesChecked?: number;
  readonly manualReviewRequired?: boolean;
  /** Default: `error` with errors, `warning` with warnings only, else `success`. */
  readonly status?: Status;
  readonly durationMs?: number;
  readonly details?: Readonly<Record<string, unknown>>;
}

export interface BatchOperationInput extends OperationInput {
  readonly batchId?: string;
  readonly size: number;
  /** Items processed successfully. */
  readonly processed: number;
  readonly failed: number;
  readonly skipped?: number;
  /** Default: `success` with no failures, `error` when every item failed, else `warning`. */
  readonly status?: Status;
  readonly durationMs?: number;
  readonly error?: unknown;
  readonly details?: Readonly<Record<string, unknown>>;
}

export interface FieldChange {
  readonly field: string;
  readonly from?: unknown;
  readonly to?: unknown;
}

export interface SyncChangesInput extends OperationInput {
  readonly customer: SyncCustomer;
  readonly direction: 'crm_to_1c' | '1c_to_crm';
  readonly changes: readonly FieldChange[];
  readonly result: SyncResult;
  readonly error?: unknown;
}

export interface MeasureOptions extends OperationInput {
  readonly customer?: SyncCustomer;
  readonly details?: Readonly<Record<string, unknown>>;
}

/** What `startRun` gives the run. */
export interface SyncRun {
  readonly correlationId: string;
}
