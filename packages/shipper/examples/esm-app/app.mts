// An ES module app: `npm run build` compiles this file to app.mjs, `npm start` runs it on plain Node.
// The cluster comes from OPENSEARCH_URL (and the other OPENSEARCH_* variables); `synclog setup`
// must have prepared it for the same index prefix.
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import winston from 'winston';
import {
  OpenSearchTransport,
  createCustomerSyncLogger,
  createStructuredLogger,
  passThroughFormat,
  runWithContext,
  type CloseReport,
} from '@synclog/shipper';

const runId = process.env.EXAMPLE_RUN_ID ?? randomUUID();
const registry = new Registry();

const transport = new OpenSearchTransport({
  service: 'esm-example',
  indexPrefix: process.env.SYNCLOG_INDEX_PREFIX ?? 'synclog',
  // Production apps give the spool a persistent directory: it holds what an outage keeps back.
  spoolDir: process.env.EXAMPLE_SPOOL_DIR ?? join(tmpdir(), 'synclog-esm-example-spool'),
  registry,
});
const logger = winston.createLogger({ format: passThroughFormat(), transports: [transport] });
const sync = createCustomerSyncLogger({ logger });
const app = createStructuredLogger({ logger });

runWithContext({ correlation_id: runId }, () => {
  app.info('Nightly 1C sync started', { category: 'business_logic', details: { source: 'esm-app' } });
  sync.logCustomerImport({
    customer: { id: 'c-42', name: 'ООО «Ромашка»', onecId: 'ЦБ-000042', type: 'legal' },
    result: { status: 'success', createdNew: true, durationMs: 812 },
  });
  sync.logConflictResolution({
    customer: { id: 'c-43', name: 'ИП Петров' },
    conflict: { type: 'field_mismatch', field: 'phone', resolution: 'manual', manualReviewRequired: true },
  });
  // What apps also send: a plain winston call with the app's own codes and its own time format.
  // It is stored, with the refused values kept and the record flagged. A plain call carries only
  // what it is given: the synclog loggers add the correlation context, winston does not.
  logger.info('price list pushed to 1C', {
    operation_type: 'price_update',
    status: 'done',
    '@timestamp': '04.12.2026 10:15:00',
    correlation_id: runId,
  });
});

// Before the process exits: delivers what is queued and says what happened to it.
const report: CloseReport = await transport.close({ timeoutMs: 20_000 });
const sent = await registry.getSingleMetric('synclog_shipper_records_sent_total')?.get();
console.log(JSON.stringify({ runId, report, sent: sent?.values[0]?.value ?? 0 }));
