import type { Locale } from '../i18n/locale.ts';
import { formatDecimal } from '../i18n/number-format.ts';
import { translator } from '../i18n/translator.ts';
import { labelOf } from '../i18n/vocabulary-label.ts';
import { OPERATION_TYPE_LABELS } from '../record/vocabulary.ts';
import type { AlertRule } from './alert-rules.ts';
import { ALERT_TEXT } from './alert-text.ts';

/** One thing a rule found to hold: the whole rule, or one group of it (an operation type). */
export interface Finding {
  /** '' for a rule without groups; the operation type for bursts. */
  readonly group: string;
  /** The measured value compared with the threshold (a rate, a share, a count, milliseconds). */
  readonly value: number;
  readonly threshold: number;
  /** Records the value was measured over. */
  readonly count: number;
  readonly summary: string;
  /** Up to 5 matching records (critical records). */
  readonly samples: ReadonlyArray<{ readonly event_id: string; readonly message: string }>;
}

type SearchResponse = {
  hits: {
    total: { value: number };
    hits?: Array<{ _source: { event_id?: string; message?: string; error_message?: string } }>;
  };
  aggregations?: Record<string, unknown>;
};

const pct = (rate: number, locale: Locale, digits = 1) => `${formatDecimal(rate * 100, locale, digits)} %`;

type Rule<K extends AlertRule['kind']> = Extract<AlertRule, { kind: K }>;
type Summarise = ReturnType<typeof translator<keyof typeof ALERT_TEXT.en>>;
const NO_SAMPLES: Finding['samples'] = [];
const docCount = (body: SearchResponse, name: string) =>
  (body.aggregations?.[name] as { doc_count: number } | undefined)?.doc_count ?? 0;

function errorRateFindings(rule: Rule<'error_rate'>, total: number, errors: number, locale: Locale): Finding[] {
  const rate = total === 0 ? 0 : errors / total;
  if (total < rule.min_operations || rate <= rule.threshold) return [];
  const summary = translator(ALERT_TEXT, locale)('error_rate', {
    rate: pct(rate, locale),
    window: rule.window_minutes,
    errors,
    total,
    count: total,
    threshold: pct(rule.threshold, locale),
  });
  return [{ group: '', value: rate, threshold: rule.threshold, count: total, summary, samples: NO_SAMPLES }];
}

function burstFindings(rule: Rule<'error_burst'>, body: SearchResponse, t: Summarise, locale: Locale): Finding[] {
  const buckets =
    (body.aggregations?.by_type as { buckets: Array<{ key: string; doc_count: number }> } | undefined)?.buckets ?? [];
  return buckets
    .filter((b) => b.doc_count >= rule.threshold)
    .map((b) => ({
      group: b.key,
      value: b.doc_count,
      threshold: rule.threshold,
      count: b.doc_count,
      summary: t('error_burst', {
        count: b.doc_count,
        type: labelOf(OPERATION_TYPE_LABELS, b.key, locale),
        window: rule.window_minutes,
        threshold: rule.threshold,
      }),
      samples: NO_SAMPLES,
    }));
}

function criticalFindings(rule: Rule<'critical_records'>, body: SearchResponse, total: number, t: Summarise) {
  if (total === 0) return [];
  const samples = (body.hits.hits ?? []).map((h) => ({
    event_id: h._source.event_id ?? '',
    message: h._source.error_message ?? h._source.message ?? '',
  }));
  const summary = t('critical_records', { count: total, window: rule.window_minutes });
  return [{ group: '', value: total, threshold: 1, count: total, summary, samples }];
}

/**
 * What the search answer says holds, summarised in `locale`. `active` is false for a missing-data
 * rule outside its hours.
 */
export function findingsOf(rule: AlertRule, response: unknown, active = true, locale: Locale = 'en'): Finding[] {
  const t = translator(ALERT_TEXT, locale);
  const body = response as SearchResponse;
  const total = body.hits.total.value;
  switch (rule.kind) {
    case 'error_rate':
      return errorRateFindings(rule, total, docCount(body, 'errors'), locale);
    case 'error_burst':
      return burstFindings(rule, body, t, locale);
    case 'critical_records':
      return criticalFindings(rule, body, total, t);
    case 'slow_operations': {
      const values =
        (body.aggregations?.duration as { values: Record<string, number | null> } | undefined)?.values ?? {};
      return slowOperationsFindings(rule, total, Object.values(values)[0] ?? null, locale);
    }
    case 'sla':
      return slaFindings(rule, total, docCount(body, 'successes'), locale);
    case 'missing_data': {
      if (!active || total > 0) return [];
      const summary = t('missing_data', { window: rule.window_minutes });
      return [{ group: '', value: 0, threshold: 1, count: 0, summary, samples: NO_SAMPLES }];
    }
  }
}

/** What a slow-operations rule finds, given the window's operations with a duration and their percentile. */
export function slowOperationsFindings(
  rule: Extract<AlertRule, { kind: 'slow_operations' }>,
  count: number,
  value: number | null,
  locale: Locale = 'en',
): Finding[] {
  if (count < rule.min_operations || value === null || value <= rule.threshold_ms) return [];
  const summary = translator(ALERT_TEXT, locale)('slow_operations', {
    percentile: rule.percentile,
    value: Math.round(value),
    window: rule.window_minutes,
    count,
    threshold: rule.threshold_ms,
  });
  return [{ group: '', value, threshold: rule.threshold_ms, count, summary, samples: [] }];
}

/**
 * What an SLA rule finds: the share of the window's finished operations that ended `success`,
 * below the target, once at least `min_operations` finished. Finished is what error_rate counts
 * (an outcome record: any logged status but `pending`, a refused one included), so `warning`,
 * `skipped` and an unknown status count against the SLA as `error` does.
 */
export function slaFindings(
  rule: Extract<AlertRule, { kind: 'sla' }>,
  finished: number,
  successes: number,
  locale: Locale = 'en',
): Finding[] {
  const share = finished === 0 ? 1 : successes / finished;
  if (finished < rule.min_operations || share >= rule.target) return [];
  const summary = translator(ALERT_TEXT, locale)('sla', {
    share: pct(share, locale, 2),
    window: rule.window_days,
    successes,
    count: finished,
    target: pct(rule.target, locale, 2),
  });
  return [{ group: '', value: share, threshold: rule.target, count: finished, summary, samples: [] }];
}
