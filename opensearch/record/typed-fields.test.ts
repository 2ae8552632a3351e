import { describe, expect, it } from 'vitest';
import { recordFields } from './fields.ts';
import { recordMapping } from './mapping.ts';
import { LIFTED_FLAGS, LIFTED_KEYWORDS, liftTypedFields } from './typed-fields.ts';

describe('liftTypedFields', () => {
  it('copies each typed keyword and flag from the details key of the same name', () => {
    const details = {
      customer_type: 'legal',
      conflict_type: 'field_mismatch',
      import_source: '1c_http',
      assigned_role: 'dealer',
      export_destination: 'УТ 11.5 / Контрагенты',
      export_format: 'commerceml',
      resolution_strategy: '1c_wins',
      resolution_method: 'automatic',
      created_new: false,
      manual_review_required: true,
      source: { system: '1c' },
    };

    expect(liftTypedFields(details)).toEqual({
      customer_type: 'legal',
      conflict_type: 'field_mismatch',
      import_source: '1c_http',
      assigned_role: 'dealer',
      export_destination: 'УТ 11.5 / Контрагенты',
      export_format: 'commerceml',
      resolution_strategy: '1c_wins',
      resolution_method: 'automatic',
      created_new: false,
      manual_review_required: true,
    });
  });

  it('leaves values of the wrong type, empty texts and texts past the id limit in details only', () => {
    const lifted = liftTypedFields({
      import_source: { system: '1c' },
      export_format: '',
      export_destination: 'x'.repeat(257),
      resolution_method: 42,
      assigned_role: 'x'.repeat(256),
      created_new: 'yes',
    });

    expect(lifted).toEqual({ assigned_role: 'x'.repeat(256) });
    expect(liftTypedFields(undefined)).toEqual({});
  });

  it('lifts only fields the record maps, keywords as keyword and flags as boolean', () => {
    const properties = recordMapping().properties as Record<string, { type?: string }>;
    for (const name of LIFTED_KEYWORDS) {
      expect(Object.keys(recordFields)).toContain(name);
      expect(properties[name]?.type, name).toBe('keyword');
    }
    for (const name of LIFTED_FLAGS) expect(properties[name]?.type, name).toBe('boolean');
  });
});
