import type { ValidationIssue } from '../../opensearch/record/vocabulary.ts';
import { rawText } from './raw-text.ts';

/**
 * The values of one record that could not go in their typed fields: kept as text under
 * `invalid.<field>`, with an issue code each in `validation_issues`. A record is stored and
 * flagged rather than refused. Most records flag nothing, so nothing is allocated until a value
 * is flagged.
 */
export class FlaggedValues {
  #invalid: Record<string, string> | undefined;
  #issues: string[] | undefined;

  add(field: string, value: unknown, issue: ValidationIssue): void {
    if (value !== undefined) (this.#invalid ??= {})[field] = rawText(value);
    this.#issues ??= [];
    if (!this.#issues.includes(issue)) this.#issues.push(issue);
  }

  /** Writes `invalid` and `validation_issues` onto the record when anything was flagged. */
  applyTo(record: Record<string, unknown>): void {
    if (this.#invalid) record.invalid = this.#invalid;
    if (this.#issues) record.validation_issues = this.#issues;
  }

  get count(): number {
    return this.#issues?.length ?? 0;
  }
}

export const flaggedValues = (): FlaggedValues => new FlaggedValues();

/** `<field>_invalid` for a value of the wrong type or out of range (`customer.role` → `customer_role_invalid`). */
export const invalidIssue = (path: string): ValidationIssue => `${path.replace(/\./g, '_')}_invalid`;
