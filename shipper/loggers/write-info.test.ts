import winston from 'winston';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCaptureLogger } from './capture-logger.ts';
import { writeInfo } from './write-info.ts';

const LEVEL = Symbol.for('level');

describe('writeInfo', () => {
  afterEach(() => vi.restoreAllMocks());

  it('delivers critical records through a default npm-levels logger, routed as error and stored as critical', () => {
    const capture = createCaptureLogger({ level: 'info' });
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});

    writeInfo(capture.logger, { level: 'critical', message: '1C exchange token leaked' });

    expect(capture.infos).toHaveLength(1);
    expect(capture.infos[0]).toMatchObject({ level: 'critical', [LEVEL]: 'error' });
    expect(capture.normalised()[0]).toMatchObject({ ok: true, record: { level: 'critical' } });
    expect(consoleError).not.toHaveBeenCalled();
  });

  it('shows why: winston alone drops a level it does not know', () => {
    const capture = createCaptureLogger({ level: 'info' });
    vi.spyOn(console, 'error').mockImplementation(() => {});

    capture.logger.log({ level: 'critical', message: 'lost' });

    expect(capture.infos).toHaveLength(0);
  });

  it('respects the transport level: critical passes a transport set to error, but not one that is silent', () => {
    const capture = createCaptureLogger({ level: 'error' });
    writeInfo(capture.logger, { level: 'critical', message: 'kept' });
    writeInfo(capture.logger, { level: 'warn', message: 'filtered' });
    expect(capture.infos.map((i) => i.message)).toEqual(['kept']);
  });

  it('uses the logger’s own critical level when it defines one', () => {
    const capture = createCaptureLogger({ levels: { critical: 0, error: 1, warn: 2, info: 3, debug: 4 } });
    writeInfo(capture.logger, { level: 'critical', message: 'native' });
    expect(capture.infos[0]).toMatchObject({ level: 'critical', [LEVEL]: 'critical' });
  });

  it('routes warn and critical to warning and crit on a syslog-levels logger', () => {
    const capture = createCaptureLogger({ levels: winston.config.syslog.levels });
    writeInfo(capture.logger, { level: 'warn', message: 'w' });
    writeInfo(capture.logger, { level: 'critical', message: 'c' });
    expect(capture.infos.map((i) => [i.level, i[LEVEL as never]])).toEqual([
      ['warn', 'warning'],
      ['critical', 'crit'],
    ]);
    expect(capture.normalised().map((n) => n.ok && n.record.level)).toEqual(['warn', 'critical']);
  });

  it('adds the logger’s defaultMeta to routed records, as logger.log would', () => {
    const capture = createCaptureLogger({ defaultMeta: { host: 'sync-worker-1' } });
    writeInfo(capture.logger, { level: 'critical', message: 'with meta' });
    expect(capture.infos[0]).toMatchObject({ host: 'sync-worker-1' });
  });
});
