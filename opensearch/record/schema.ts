import { z } from 'zod';
import { recordFields } from './fields.ts';

type Shape = { [K in keyof typeof recordFields]: (typeof recordFields)[K]['schema'] };

const shape = Object.fromEntries(Object.entries(recordFields).map(([name, f]) => [name, f.schema])) as Shape;

/**
 * A stored sync log record, exactly as indexed. Unknown top-level fields are rejected here and by
 * the index mapping (`dynamic: strict`); free-form data belongs in `details`.
 */
export const syncLogRecordSchema = z.strictObject(shape);

export type SyncLogRecord = z.infer<typeof syncLogRecordSchema>;
export type Customer = NonNullable<SyncLogRecord['customer']>;
