import { describe, expect, it } from 'vitest';
import { STATUS_LABELS, STATUSES } from '../../opensearch/record/vocabulary.ts';
import { codeCheckboxes, codeChoices } from './code-choices.ts';

describe('codeChoices', () => {
  it("lists the story's codes first with their English labels, then every other code seen or chosen, as is, once each", () => {
    const choices = codeChoices(
      STATUS_LABELS,
      ['error', 'partial', 'success', 'archived'],
      ['partial', 'manual', 'error'],
    );
    expect(choices.map((c) => c.code)).toEqual([...STATUSES, 'archived', 'manual', 'partial']);
    expect(choices.find((c) => c.code === 'pending')).toEqual({ code: 'pending', label: 'Pending' });
    expect(choices.find((c) => c.code === 'archived')).toEqual({ code: 'archived', label: 'archived' });
  });
});

describe('codeCheckboxes', () => {
  it('escapes codes from the data in values and labels, and checks the chosen ones', async () => {
    const hostile = '"><script>alert(1)</script>';
    const markup = String(
      await codeCheckboxes('status', { status: [hostile, 'partial'], operation_type: [] }, ['partial']),
    );
    expect(markup).not.toContain('<script>');
    expect(markup).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(markup).toMatch(/value="partial" checked>partial</);
    expect(markup).toMatch(/title="error"><input type="checkbox" name="status" value="error">Error</);
  });
});
