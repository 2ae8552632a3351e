import { describe, expect, it } from 'vitest';
import { runWithContext } from '../context/correlation-context.ts';
import { withCallContext } from './call-context.ts';

describe('a plain call as the transport ships it', () => {
  it('is passed on as it is outside any context', () => {
    const info = { level: 'info', message: 'plain' };
    expect(withCallContext(info)).toBe(info);
  });

  it('gets the run’s ids it lacks, in a copy, leaving the application’s object as logged', () => {
    const info = { level: 'info', message: 'plain' };
    const shipped = runWithContext({ correlation_id: 'run-1', request_id: 'req-9' }, () => withCallContext(info));
    expect(shipped).toEqual({ level: 'info', message: 'plain', correlation_id: 'run-1', request_id: 'req-9' });
    expect(info).toEqual({ level: 'info', message: 'plain' });
  });

  it('keeps the ids the call carries itself', () => {
    const info = { message: 'own', correlation_id: 'mine' };
    expect(runWithContext({ correlation_id: 'run-1' }, () => withCallContext(info))).toBe(info);
  });
});
