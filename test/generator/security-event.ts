import type { SyncLogRecord } from '../../opensearch/record/schema.ts';
import type { GenerationContext } from './generation-context.ts';
import { correlationId, spanId, traceId } from './generated-ids.ts';
import { envelopeAt, withoutUndefined } from './record-envelope.ts';

const EVENTS = [
  { path: '/api/1c/webhook', message: (ip: string) => `Rejected 1C webhook with an invalid signature from ${ip}` },
  { path: '/api/1c/exchange', message: (ip: string) => `Revoked exchange token used from ${ip}` },
  {
    path: '/api/customers/export',
    message: (ip: string) => `Export of all customers refused for ${ip}: missing permission`,
  },
] as const;

/**
 * A record that belongs to no sync operation: no operation_id, operation_type or status. Real logs
 * hold such records, and per-operation figures and status filters must leave them out.
 */
export function securityEventRecord(context: GenerationContext): SyncLogRecord {
  const { random } = context;
  const event = random.pick(EVENTS);
  const ip = random.faker.internet.ipv4();
  const producer = random.pick(context.producers);
  return withoutUndefined<SyncLogRecord>({
    ...envelopeAt(random, random.int(context.fromMs, context.toMs), producer),
    level: random.chance(0.3) ? 'critical' : 'warn',
    category: 'security',
    message: event.message(ip),
    details: {
      request: { path: event.path, remote_ip: ip },
      // User agents are attacker-controlled: a natural home for hostile strings.
      user_agent: random.chance(0.3) ? context.hostile.next() : random.faker.internet.userAgent(),
    },
    correlation_id: correlationId(random),
    trace_id: traceId(random),
    span_id: spanId(random),
    service: { ...producer.service },
  });
}
