import { describe, expect, it } from 'vitest';
import { recordEnvelope } from './record-envelope.ts';

const context = {
  now: Date.parse('2025-01-15T10:00:00.123Z'),
  producerId: 'p-1',
  producerSeq: 7,
  service: { name: 'sync', environment: 'prod' },
};

describe('the record envelope', () => {
  it('stamps arrival time as event time when the call gave none', () => {
    const envelope = recordEnvelope({ level: 'warn', message: 'hi' }, context, 'e-1', undefined);
    expect(envelope).toEqual({
      '@timestamp': '2025-01-15T10:00:00.123Z',
      ingested_at: '2025-01-15T10:00:00.123Z',
      event_id: 'e-1',
      producer_id: 'p-1',
      producer_seq: 7,
      level: 'warn',
      message: 'hi',
      service: { name: 'sync', environment: 'prod' },
    });
  });

  it('keeps the event time the call gave apart from the arrival time', () => {
    const envelope = recordEnvelope({ message: 'x' }, context, 'e-1', '2025-01-15T09:00:00.000Z');
    expect(envelope['@timestamp']).toBe('2025-01-15T09:00:00.000Z');
    expect(envelope.ingested_at).toBe('2025-01-15T10:00:00.123Z');
  });

  it('lets a call override only the text fields name, environment and version of its service', () => {
    const service = { name: 'billing', version: 3, region: 'eu', environment: 'staging' };
    const envelope = recordEnvelope({ message: 'x', service }, context, 'e-1', undefined);
    expect(envelope.service).toEqual({ name: 'billing', environment: 'staging' });
  });

  it("takes a call's service text as the service's name, as winston's defaultMeta idiom sends it", () => {
    const envelope = recordEnvelope({ message: 'x', service: 'user-service' }, context, 'e-1', undefined);
    expect(envelope.service).toEqual({ name: 'user-service', environment: 'prod' });
    const numeric = recordEnvelope({ message: 'x', service: 42 }, context, 'e-1', undefined);
    expect(numeric.service).toEqual({ name: 'sync', environment: 'prod' });
  });

  it("keeps the context's service keys first and adds the call's others in the call's order", () => {
    const service = { version: '2.1', region: 'eu', name: 'billing' };
    const envelope = recordEnvelope({ message: 'x', service }, context, 'e-1', undefined);
    expect(Object.keys(envelope.service as object)).toEqual(['name', 'environment', 'version']);
    expect(envelope.service).toEqual({ name: 'billing', environment: 'prod', version: '2.1' });
  });

  it('writes a non-text message as JSON', () => {
    expect(recordEnvelope({ message: { a: 1 } }, context, 'e-1', undefined).message).toBe('{"a":1}');
  });
});
