import { describe, expect, it } from 'vitest';
import { filterQuery, firstValueOf, valuesOf } from './log-filters.ts';

describe('the log filters carried between pages', () => {
  it('reads a filter given repeated or comma-separated as one list, without empty values', () => {
    expect(valuesOf({ status: ['error,partial', '', 'success'] }, 'status')).toEqual(['error', 'partial', 'success']);
    expect(valuesOf({}, 'status')).toEqual([]);
    expect(firstValueOf({ q: 'a,b' }, 'q')).toBe('a');
    expect(firstValueOf({}, 'q')).toBe('');
  });

  it('writes the known filters as repeated parameters in a fixed order, dropping unknown ones, extras last', () => {
    const query = filterQuery(
      { q: 'ivan', status: 'error,partial', size: '5', operation_type: 'stock_sync' },
      { cursor: 'c1' },
    );
    expect(query).toBe('operation_type=stock_sync&status=error&status=partial&q=ivan&cursor=c1');
  });
});
