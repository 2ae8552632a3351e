import { describe, expect, it } from 'vitest';
import type { IndexReadiness } from './index-readiness.ts';
import { createRefusalMemory } from './refusal-memory.ts';

const refused: IndexReadiness = { ok: false, kind: 'refused', code: 'index_refused', reason: 'mapping rejected' };

describe('the refusal memory', () => {
  it('answers a remembered refusal until its memory time has passed, then forgets it', () => {
    let now = 1_000;
    const memory = createRefusalMemory(() => now, 60_000);
    expect(memory.remember('logs-2025.01', refused)).toBe(refused);
    now += 59_999;
    expect(memory.recall('logs-2025.01')).toBe(refused);
    now += 1;
    expect(memory.recall('logs-2025.01')).toBeUndefined();
  });

  it('keeps each index to itself', () => {
    const memory = createRefusalMemory(() => 0, 60_000);
    memory.remember('logs-2025.01', refused);
    expect(memory.recall('logs-2025.02')).toBeUndefined();
  });

  it('starts the memory time again when an index is refused anew', () => {
    let now = 0;
    const memory = createRefusalMemory(() => now, 1_000);
    memory.remember('logs-2025.01', refused);
    now = 900;
    const again: IndexReadiness = { ...refused, reason: 'refused again' };
    memory.remember('logs-2025.01', again);
    now = 1_500;
    expect(memory.recall('logs-2025.01')).toBe(again);
  });
});
