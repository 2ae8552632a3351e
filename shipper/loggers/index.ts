export { createCustomerSyncLogger } from './customer-sync-logger.ts';
export type { CustomerSyncLogger, CustomerSyncLoggerDeps } from './customer-sync-logger.ts';
export type {
  BatchOperationInput,
  ConflictData,
  ConflictResolutionInput,
  ConflictingField,
  CustomerExportInput,
  CustomerImportInput,
  CustomerTransferInput,
  DataValidationInput,
  FieldChange,
  MeasureOptions,
  OnecResponse,
  OperationInput,
  SyncChangesInput,
  SyncCustomer,
  SyncErrorInput,
  SyncResult,
  SyncRun,
  TimeInput,
  ValidationIssue,
} from './customer-sync-inputs.ts';
export { createStructuredLogger } from './structured-logger.ts';
export type { StructuredLogger, StructuredLoggerDeps, StructuredLoggerOptions } from './structured-logger.ts';
export type { HttpHandlerOptions } from './http-handler.ts';
export type { RouteOf } from './request-endpoint.ts';
export { routeTemplate } from './url-path.ts';
export { LOG_CATEGORIES } from './structured-logger-types.ts';
export type {
  ApiCall,
  DatabaseQuery,
  LogCategory,
  LogFields,
  SecurityEvent,
  SecurityOutcome,
  ServiceInfo,
} from './structured-logger-types.ts';
export { writeInfo } from './write-info.ts';
export type { LogInfo, LogLevel } from './write-info.ts';
export type { LoggedError } from './logged-error.ts';
