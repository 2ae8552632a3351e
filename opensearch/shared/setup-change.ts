/**
 * What setup did to one resource. A second run with the same configuration reports only `unchanged`.
 * The installers in lifecycle/ and alerting/ report in this shape too, so it sits below all three.
 */
export type SetupAction = 'created' | 'updated' | 'unchanged' | 'skipped';

export interface SetupChange {
  readonly kind: string;
  readonly name: string;
  readonly action: SetupAction;
  readonly detail?: string;
}

export const change = (kind: string, name: string, action: SetupAction, detail?: string): SetupChange =>
  detail === undefined ? { kind, name, action } : { kind, name, action, detail };
