import { z } from 'zod';
import { CHAIN_START } from './record-hash.ts';

/**
 * A producer's signed statement "my records up to `seq` end in `hash`". Written every N records
 * or T seconds and on close, into `<prefix>-checkpoints` and into a file beside the producer's
 * spool; `synclog verify` checks the stored records against them with the auditor's public key.
 *
 * - `genesis`: written at start, before any record (`seq` -1, `hash` CHAIN_START); names the
 *   producer that ran before it from the same spool (`predecessor`), so a restart is linked.
 * - `periodic`: the chain so far.
 * - `final`: written by `close()`; records after it cannot be the producer's.
 */
export const checkpointKinds = ['genesis', 'periodic', 'final'] as const;
export type CheckpointKind = (typeof checkpointKinds)[number];

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const predecessorSchema = z.strictObject({
  producer_id: z.string().min(1),
  /** The predecessor's last checkpointed seq, as its own file beside the spool says. */
  seq: z.number().int().min(-1),
  hash: hex64,
});

export const unsignedCheckpointSchema = z.strictObject({
  producer_id: z.string().min(1),
  kind: z.enum(checkpointKinds),
  /** Last seq covered (-1: none yet). */
  seq: z.number().int().min(-1),
  /** `recordHash` of the record at `seq`, or CHAIN_START when `seq` is -1. */
  hash: hex64,
  /** Records written to each log index since the previous checkpoint: how verify tells loss from retention. */
  indices: z.record(z.string(), z.number().int().positive()),
  /** Producer's clock when written (ISO). */
  at: z.iso.datetime({ offset: true }),
  predecessor: predecessorSchema.optional(),
  /** Which public key verifies the signature: `keyId` of that key. */
  key_id: z.string().min(1),
});

export const checkpointSchema = unsignedCheckpointSchema.extend({
  /** Ed25519 over the JCS text of every other field, base64. */
  signature: z.string().min(1),
});

export type UnsignedCheckpoint = z.infer<typeof unsignedCheckpointSchema>;
export type Checkpoint = z.infer<typeof checkpointSchema>;
export type Predecessor = z.infer<typeof predecessorSchema>;

/** The checkpoint's document id: one per (producer, kind, seq), so a rewrite is a 409, not a second copy. */
export const checkpointId = (c: Pick<Checkpoint, 'producer_id' | 'kind' | 'seq'>) =>
  `${c.producer_id}:${c.kind}:${c.seq}`;

export { CHAIN_START };

export const checkpointsMapping = {
  dynamic: 'strict',
  properties: {
    producer_id: { type: 'keyword' },
    kind: { type: 'keyword' },
    seq: { type: 'long' },
    hash: { type: 'keyword' },
    indices: { type: 'object', enabled: false },
    at: { type: 'date' },
    predecessor: { type: 'object', enabled: false },
    key_id: { type: 'keyword' },
    signature: { type: 'keyword', index: false },
  },
} as const;
