import { describe, expect, it } from 'vitest';
import { errorFields, errorFingerprint, truncate } from './error-fields.ts';
import { LIMITS } from './vocabulary.ts';

describe('errorFields', () => {
  it('truncates a huge message and keeps its original length', () => {
    const message = 'x'.repeat(LIMITS.errorMessageChars + 500);
    const fields = errorFields({ message });
    expect(fields.error_message).toHaveLength(LIMITS.errorMessageChars);
    expect(fields.error_message_length).toBe(LIMITS.errorMessageChars + 500);
  });

  it('leaves a short message whole and records no length', () => {
    const fields = errorFields({ message: 'Timeout', type: 'TimeoutError', stack: 'at x' });
    expect(fields).toMatchObject({ error_message: 'Timeout', error_type: 'TimeoutError', error_stack: 'at x' });
    expect(fields.error_message_length).toBeUndefined();
  });

  it('never splits a surrogate pair when truncating', () => {
    const { text, truncated } = truncate('ab😀', 3);
    expect(truncated).toBe(true);
    expect(text).toBe('ab');
  });
});

describe('errorFingerprint', () => {
  it('groups messages that differ only in ids, numbers, e-mails and quoted values', () => {
    const a = errorFingerprint('Customer 12345 (ivan@example.ru) not found in 1C: "ЦБ-000123"');
    const b = errorFingerprint('Customer 987 (Olga.P@mail.ru) not found in 1C: "ЦБ-77"');
    expect(a).toBe(b);
  });

  it('keeps different messages apart', () => {
    expect(errorFingerprint('Customer 1 not found')).not.toBe(errorFingerprint('Connection to 1C refused'));
  });

  it('replaces uuids and timestamps', () => {
    expect(errorFingerprint('op 0192f5e2-7c1a-7abc-8def-0123456789ab failed at 2026-11-23T10:00:00Z')).toBe(
      'op <uuid> failed at <time>',
    );
  });
});
