// A CommonJS app: `npm run build` compiles this file to app.cjs, whose `require('@synclog/shipper')`
// loads the ES module package (Node 20.19+ requires ES modules without a flag); `npm start` runs it.
// The cluster comes from OPENSEARCH_URL (and the other OPENSEARCH_* variables); `synclog setup`
// must have prepared it for the same index prefix.
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import winston = require('winston');
import { OpenSearchTransport, createCustomerSyncLogger, passThroughFormat, runWithContext } from '@synclog/shipper';

async function main(): Promise<void> {
  const runId = process.env.EXAMPLE_RUN_ID ?? randomUUID();
  const registry = new Registry();
  const transport = new OpenSearchTransport({
    service: 'cjs-example',
    indexPrefix: process.env.SYNCLOG_INDEX_PREFIX ?? 'synclog',
    // Production apps give the spool a persistent directory: it holds what an outage keeps back.
    spoolDir: process.env.EXAMPLE_SPOOL_DIR ?? join(tmpdir(), 'synclog-cjs-example-spool'),
    registry,
  });
  const logger = winston.createLogger({ format: passThroughFormat(), transports: [transport] });
  const sync = createCustomerSyncLogger({ logger });

  runWithContext({ correlation_id: runId }, () => {
    sync.logCustomerExport({
      customer: { id: 'c-77', name: 'ООО «Вектор»', onecId: 'ЦБ-000077' },
      result: { status: 'success', durationMs: 240 },
    });
    sync.logSyncError({ operationType: 'sync_changes', error: new Error('1C answered 503') });
  });

  const report = await transport.close({ timeoutMs: 20_000 });
  const sent = await registry.getSingleMetric('synclog_shipper_records_sent_total')?.get();
  console.log(JSON.stringify({ runId, report, sent: sent?.values[0]?.value ?? 0 }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
