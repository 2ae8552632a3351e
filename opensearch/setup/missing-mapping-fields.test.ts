import { describe, expect, it } from 'vitest';
import { recordMapping } from '../record/mapping.ts';
import { missingMappingFields } from './missing-mapping-fields.ts';

const NEW_FIELDS = ['operation_key', 'event_time_raw', 'validation_issues', 'invalid'];

describe('fields a stored mapping lacks', () => {
  it('finds nothing missing in the record mapping itself', () => {
    const { properties } = recordMapping();
    expect(missingMappingFields(properties, structuredClone(properties))).toEqual([]);
  });

  it('names the fields an older record mapping lacks', () => {
    const { properties } = recordMapping();
    const old: Record<string, unknown> = structuredClone(properties);
    for (const name of NEW_FIELDS) delete old[name];
    expect(missingMappingFields(properties, old as never).sort()).toEqual([...NEW_FIELDS].sort());
  });

  it('names missing object sub-fields and multi-fields by their dotted path', () => {
    const desired = {
      customer: { properties: { id: { type: 'keyword' }, role: { type: 'keyword' } } },
      error_message: { type: 'text', fields: { keyword: { type: 'keyword' } } },
    };
    const stored = { customer: { properties: { id: { type: 'keyword' } } }, error_message: { type: 'text' } };
    expect(missingMappingFields(desired, stored)).toEqual(['customer.role', 'error_message.keyword']);
  });

  it('treats an index without any mapping as missing every field', () => {
    expect(missingMappingFields({ a: { type: 'keyword' }, b: { type: 'long' } }, undefined)).toEqual(['a', 'b']);
  });

  it('ignores fields the stored mapping has beyond the desired ones', () => {
    expect(
      missingMappingFields({ a: { type: 'keyword' } }, { a: { type: 'keyword' }, legacy: { type: 'long' } }),
    ).toEqual([]);
  });
});
