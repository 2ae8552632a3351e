import { describe, expect, it } from 'vitest';
import { alertRulesSchema, type AlertRule } from './alert-rules.ts';
import { ruleTransitions } from './alert-transitions.ts';
import { findingsOf, slaFindings, slowOperationsFindings } from './finding.ts';

const ruleOf = <K extends AlertRule['kind']>(kind: K, change: Record<string, unknown> = {}) =>
  alertRulesSchema.parse([{ name: kind.replace('_', '-'), kind, ...change }])[0] as Extract<AlertRule, { kind: K }>;

/** A search answer with `total` hits and the given aggregations. */
const answer = (total: number, aggregations: Record<string, unknown> = {}) => ({
  hits: { total: { value: total }, hits: [] },
  aggregations,
});
const summaryOf = (findings: ReadonlyArray<{ summary: string }>) => findings.map((f) => f.summary);

describe('alert summaries in Russian', () => {
  it('count errors of a burst in the right plural form and name the operation type by its label', () => {
    const burst = ruleOf('error_burst', { threshold: 1 });
    const buckets = [1, 3, 5, 21].map((n, i) => ({ key: i === 3 ? 'price_sync' : 'import_from_1c', doc_count: n }));
    expect(summaryOf(findingsOf(burst, answer(30, { by_type: { buckets } }), true, 'ru'))).toEqual([
      '1 ошибка типа «Импорт из 1С» за последние 15 мин (порог 1)',
      '3 ошибки типа «Импорт из 1С» за последние 15 мин (порог 1)',
      '5 ошибок типа «Импорт из 1С» за последние 15 мин (порог 1)',
      '21 ошибка типа «price_sync» за последние 15 мин (порог 1)',
    ]);
  });

  it('write rates with a decimal comma and agree "из N" with the count', () => {
    const rate = ruleOf('error_rate', { min_operations: 1 });
    expect(summaryOf(findingsOf(rate, answer(21, { errors: { doc_count: 7 } }), true, 'ru'))).toEqual([
      'доля ошибок 33,3 % за последние 15 мин (7 из 21 операции), выше 5,0 %',
    ]);
    expect(summaryOf(findingsOf(rate, answer(1_500, { errors: { doc_count: 300 } }), true, 'ru'))[0]).toMatch(
      /^доля ошибок 20,0 % за последние 15 мин \(300 из 1\s500 операций\), выше 5,0 %$/u,
    );
  });

  it('word the SLA, slow operations, critical records and silence in Russian', () => {
    expect(summaryOf(slaFindings(ruleOf('sla'), 1_000, 989, 'ru'))[0]).toMatch(
      /^доля успешных 98,90 % за последние 30 дн\. \(989 из 1\s000 завершённых операций\), ниже цели 99,00 %$/u,
    );
    expect(summaryOf(slowOperationsFindings(ruleOf('slow_operations'), 22, 6_200.4, 'ru'))).toEqual([
      'p95 длительности 6\u00a0200 мс за последние 15 мин (22 операции), выше 5\u00a0000 мс',
    ]);
    expect(summaryOf(findingsOf(ruleOf('critical_records'), answer(2), true, 'ru'))).toEqual([
      '2 критические записи за последние 15 мин',
    ]);
    expect(summaryOf(findingsOf(ruleOf('missing_data'), answer(0), true, 'ru'))).toEqual([
      'ни одной записи синхронизации за последние 15 мин',
    ]);
  });

  it('say a resolved alert is resolved in the language, keeping what it said when it fired', () => {
    const burst = ruleOf('error_burst');
    const at = Date.parse('2026-12-04T10:00:00Z');
    const fired = ruleTransitions(
      burst,
      findingsOf(burst, answer(12, { by_type: { buckets: [{ key: 'export_to_1c', doc_count: 12 }] } }), true, 'ru'),
      new Map(),
      at,
      [],
      'ru',
    );
    const resolved = ruleTransitions(burst, [], fired.changed, at + 60_000, [], 'ru');
    expect(resolved.events.map((e) => e.summary)).toEqual([
      'устранено: 12 ошибок типа «Экспорт в 1С» за последние 15 мин (порог 10)',
    ]);
  });

  it('stay in English by default, with counts grouped', () => {
    expect(summaryOf(findingsOf(ruleOf('critical_records'), answer(1), true))).toEqual([
      '1 critical record in the last 15 min',
    ]);
    expect(summaryOf(findingsOf(ruleOf('critical_records'), answer(1_200), true))).toEqual([
      '1,200 critical records in the last 15 min',
    ]);
  });
});
