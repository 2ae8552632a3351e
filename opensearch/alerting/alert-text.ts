import { defineCatalogue } from '../i18n/catalogue.ts';

/**
 * The alert summaries both executors write, in the language of `SYNCLOG_ALERT_LANGUAGE`. The
 * `monitor_*` texts are the Alerting plugin's: their counts are mustache, filled in by the plugin,
 * so they are worded without plural forms ("операций: 12").
 */
export const ALERT_TEXT = defineCatalogue(
  {
    error_rate: 'error rate {rate} over the last {window} min ({errors} of {total} operations), above {threshold}',
    error_burst: {
      one: '{count} {type} error in the last {window} min (threshold {threshold})',
      other: '{count} {type} errors in the last {window} min (threshold {threshold})',
    },
    critical_records: {
      one: '{count} critical record in the last {window} min',
      other: '{count} critical records in the last {window} min',
    },
    slow_operations:
      'p{percentile} duration {value} ms over the last {window} min ({count} operations), above {threshold} ms',
    sla: 'success share {share} over the last {window} days ({successes} of {count} finished operations), below the {target} target',
    missing_data: 'no sync records at all in the last {window} min',
    resolved: 'resolved: {summary}',
    monitor_error_rate:
      'error rate above {threshold} % over the last {window} min ({errors} errors of {total} operations)',
    monitor_slow_operations:
      'p{percentile} duration above {threshold} ms over the last {window} min ({total} operations)',
    monitor_sla:
      'success share below the {target} % target over the last {window} days ({successes} of {total} finished operations)',
    monitor_burst: '{threshold}+ errors of one operation type in {window} min',
    monitor_burst_resolved: 'resolved: errors of this operation type back under {threshold} in {window} min',
    monitor_critical: 'critical record(s): {records}',
  },
  {
    error_rate: {
      one: 'доля ошибок {rate} за последние {window} мин ({errors} из {total} операции), выше {threshold}',
      other: 'доля ошибок {rate} за последние {window} мин ({errors} из {total} операций), выше {threshold}',
    },
    error_burst: {
      one: '{count} ошибка типа «{type}» за последние {window} мин (порог {threshold})',
      few: '{count} ошибки типа «{type}» за последние {window} мин (порог {threshold})',
      many: '{count} ошибок типа «{type}» за последние {window} мин (порог {threshold})',
      other: '{count} ошибки типа «{type}» за последние {window} мин (порог {threshold})',
    },
    critical_records: {
      one: '{count} критическая запись за последние {window} мин',
      few: '{count} критические записи за последние {window} мин',
      many: '{count} критических записей за последние {window} мин',
      other: '{count} критической записи за последние {window} мин',
    },
    slow_operations: {
      one: 'p{percentile} длительности {value} мс за последние {window} мин ({count} операция), выше {threshold} мс',
      few: 'p{percentile} длительности {value} мс за последние {window} мин ({count} операции), выше {threshold} мс',
      many: 'p{percentile} длительности {value} мс за последние {window} мин ({count} операций), выше {threshold} мс',
      other: 'p{percentile} длительности {value} мс за последние {window} мин ({count} операции), выше {threshold} мс',
    },
    sla: {
      one: 'доля успешных {share} за последние {window} дн. ({successes} из {count} завершённой операции), ниже цели {target}',
      other:
        'доля успешных {share} за последние {window} дн. ({successes} из {count} завершённых операций), ниже цели {target}',
    },
    missing_data: 'ни одной записи синхронизации за последние {window} мин',
    resolved: 'устранено: {summary}',
    monitor_error_rate:
      'доля ошибок выше {threshold} % за последние {window} мин (ошибок: {errors}, операций: {total})',
    monitor_slow_operations:
      'p{percentile} длительности выше {threshold} мс за последние {window} мин (операций: {total})',
    monitor_sla:
      'доля успешных ниже цели {target} % за последние {window} дн. (успешных: {successes}, завершённых операций: {total})',
    monitor_burst: 'не менее {threshold} ошибок одного типа операции за {window} мин',
    monitor_burst_resolved: 'устранено: ошибок этого типа операции меньше {threshold} за {window} мин',
    monitor_critical: 'критические записи: {records}',
  },
);
