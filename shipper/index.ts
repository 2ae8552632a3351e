/** The shipper's public surface: what an application imports. */
export { OpenSearchTransport } from './transport/opensearch-transport.ts';
export type { OpenSearchTransportOptions } from './transport/opensearch-transport.ts';
export { passThroughFormat } from './transport/pass-through-format.ts';
export { ShipperOptionsError, shipperOptionsSchema } from './options/shipper-options.ts';
export type { ShipperOptionsInput } from './options/shipper-options.ts';
export type { CloseReport, ShipperEvent } from './delivery/create-shipper.ts';
export type { FlushReport } from './delivery/flush-epochs.ts';
export { createDocumentWriter } from './delivery/document-writer.ts';
export type {
  DocumentToWrite,
  DocumentWriter,
  DocumentWriterOptions,
  DocumentWriterTuning,
} from './delivery/document-writer.ts';
export type { EngineStats } from './delivery/delivery-engine.ts';
export { serveMetrics } from './metrics/serve-metrics.ts';
export type { MetricsServer } from './metrics/serve-metrics.ts';
export { createSyncMetrics } from './metrics/sync-metrics.ts';
export { createAppMetrics } from './metrics/app-metrics.ts';
export type { AppMetrics, AppMetricsOptions } from './metrics/app-metrics.ts';
export type { SyncMetrics } from './metrics/sync-metrics.ts';
export { createCustomerSyncLogger, createStructuredLogger, LOG_CATEGORIES } from './loggers/index.ts';
export type {
  ApiCall,
  BatchOperationInput,
  ConflictData,
  ConflictingField,
  ConflictResolutionInput,
  CustomerExportInput,
  CustomerImportInput,
  CustomerSyncLogger,
  DatabaseQuery,
  DataValidationInput,
  FieldChange,
  LogCategory,
  LogFields,
  MeasureOptions,
  OnecResponse,
  SecurityEvent,
  StructuredLogger,
  SyncChangesInput,
  SyncCustomer,
  SyncErrorInput,
  SyncResult,
  ValidationIssue,
} from './loggers/index.ts';
export {
  currentContext,
  runWithContext,
  contextFromTraceparent,
  traceparentFor,
  preloadOpenTelemetry,
} from './context/index.ts';
export type { CorrelationContext } from './context/index.ts';
