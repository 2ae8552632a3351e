import type { Locale } from '../i18n/locale.ts';
import { translator } from '../i18n/translator.ts';
import { ALERT_TEXT } from './alert-text.ts';
import type { AlertRule } from './alert-rules.ts';
import { SEVERITY, type RenderActions } from './monitor-actions.ts';
import { messageTemplate } from './monitor-message.ts';
import { criticalClauses } from './rule-query.ts';

type CriticalRecordsRule = Extract<AlertRule, { kind: 'critical_records' }>;

/** A phrase for a query_string query (what document-level monitors take): quoted, `\` and `"` escaped. */
export const quotedPhrase = (text: string) => `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;

/** The rule's clauses as the query_string queries of a document-level input, all tagged `critical`. */
function criticalQueries(rule: CriticalRecordsRule) {
  return criticalClauses(rule).map((clause, i) => {
    const c = clause as {
      term?: { level: string };
      terms?: { category: string[] };
      match_phrase?: { error_message: string };
    };
    const query = c.term
      ? `level:${quotedPhrase(c.term.level)}`
      : c.terms
        ? c.terms.category.map((v) => `category:${quotedPhrase(v)}`).join(' OR ')
        : `error_message:${quotedPhrase(c.match_phrase!.error_message)}`;
    return { id: `${rule.name}-${i + 1}`, name: `${rule.name}-${i + 1}`, query, tags: ['critical'] };
  });
}

/** Any record matching a critical query fires; its level and message go into the summary. */
function criticalTrigger(rule: CriticalRecordsRule, actions: RenderActions, locale: Locale) {
  const firing = messageTemplate(rule, 'firing', {
    group: '',
    count: 'null',
    summary: translator(ALERT_TEXT, locale)('monitor_critical', {
      records:
        '{{#ctx.alerts}}{{#sample_documents}}[{{_source.level}}] {{_source.error_message}} {{/sample_documents}}{{/ctx.alerts}}',
    }),
    startedAt: '{{ctx.periodEnd}}',
  });
  return {
    document_level_trigger: {
      name: `${rule.name}: critical records`,
      severity: SEVERITY[rule.severity],
      condition: { script: { source: 'query[tag=critical]', lang: 'painless' } },
      actions: actions('firing', firing),
    },
  };
}

/** A critical-records rule as a document-level monitor over the log indices: each record is judged once. */
export const renderDocumentLevelMonitor = (
  rule: CriticalRecordsRule,
  logsPattern: string,
  actions: RenderActions,
  locale: Locale = 'en',
) => ({
  monitor_type: 'doc_level_monitor',
  inputs: [
    {
      doc_level_input: {
        description: `critical sync records (${rule.name})`,
        indices: [logsPattern],
        queries: criticalQueries(rule),
      },
    },
  ],
  triggers: [criticalTrigger(rule, actions, locale)],
});
