import type { ValidationIssue } from '../../opensearch/record/vocabulary.ts';
import { rawText } from './raw-text.ts';

/**
 * The values of one record that could not go in their typed fields: kept as text under
 * `invalid.<field>`, with an issue code each in `validation_issues`. A record is stored and
 * flagged rather than refused.
 */
export interface FlaggedValues {
  add(field: string, value: unknown, issue: ValidationIssue): void;
  /** Writes `invalid` and `validation_issues` onto the record when anything was flagged. */
  applyTo(record: Record<string, unknown>): void;
  readonly count: number;
}

export function flaggedValues(): FlaggedValues {
  let invalid: Record<string, string> | undefined;
  let issues: string[] | undefined;
  return {
    add(field, value, issue) {
      if (value !== undefined) (invalid ??= {})[field] = rawText(value);
      issues ??= [];
      if (!issues.includes(issue)) issues.push(issue);
    },
    applyTo(record) {
      if (invalid) record.invalid = invalid;
      if (issues) record.validation_issues = issues;
    },
    get count() {
      return issues?.length ?? 0;
    },
  };
}

/** `<field>_invalid` for a value of the wrong type or out of range (`customer.role` → `customer_role_invalid`). */
export const invalidIssue = (path: string): ValidationIssue => `${path.replace(/\./g, '_')}_invalid`;
