import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MASKED } from '../../opensearch/privacy/personal-data-protector.ts';
import { startNodeShipper, type NodeShipper } from './fixtures/node-shipper.ts';
import { createCustomerSyncLogger } from './index.ts';

const LOCAL_NAME = 'Смирнова Анна Петровна';
const REMOTE_NAME = 'Смирнова-Козлова Анна Петровна';
const PASSPORT = '4510 123456';

let node: NodeShipper;
let home: string;
beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'synclog-strict-'));
  const keysFile = join(home, 'keys');
  await writeFile(keysFile, 'k1:a-secret-for-the-strict-loggers-test-only\n');
  node = await startNodeShipper('strict-sync', { personalData: 'strict', personalDataKeysFile: keysFile });
});
afterAll(async () => {
  await node.stop();
  await rm(home, { recursive: true, force: true });
});

describe('the strict policy on the loggers’ records, as a real node stores them', () => {
  it('stores conflicting values and 1C’s answer masked, keeping what administrators filter and count by', async () => {
    const sync = createCustomerSyncLogger({ logger: node.logger });
    const runId = sync.startRun(({ correlationId }) => {
      sync.logConflictResolution({
        customer: { id: 'p-1', name: LOCAL_NAME },
        conflict: {
          type: 'field_mismatch',
          fields: [
            { field: 'full_name', localValue: LOCAL_NAME, remoteValue: REMOTE_NAME },
            { field: 'passport', localValue: PASSPORT, remoteValue: '4510 654321' },
          ],
          strategy: 'manual',
          method: 'manual',
          manualReviewRequired: true,
        },
      });
      sync.logCustomerExport({
        customer: { id: 'p-1', name: LOCAL_NAME },
        result: { status: 'error' },
        destination: 'ut11-main',
        format: 'xml',
        exportedFields: ['full_name', 'passport'],
        onecResponse: { statusCode: 409, body: `Паспорт ${PASSPORT} уже записан на ${REMOTE_NAME}` },
      });
      return correlationId;
    });

    const records = await node.search({ term: { correlation_id: runId } });
    const conflict = records.find((r) => r.operation_type === 'conflict_resolution');
    const exported = records.find((r) => r.operation_type === 'export_to_1c');
    expect(conflict).toMatchObject({ resolution_strategy: 'manual', resolution_method: 'manual' });
    expect(conflict?.details?.conflict).toEqual({
      fields: [
        { field: 'full_name', local_value: MASKED, remote_value: MASKED },
        { field: 'passport', local_value: MASKED, remote_value: MASKED },
      ],
    });
    expect(exported).toMatchObject({
      export_destination: 'ut11-main',
      export_format: 'xml',
      details: { exported_fields: ['full_name', 'passport'], onec_response: { status_code: 409, body: MASKED } },
    });
    const stored = JSON.stringify(records);
    for (const clear of [LOCAL_NAME, REMOTE_NAME, PASSPORT]) expect(stored).not.toContain(clear);
  });
});
