import { describe, expect, it } from 'vitest';
import { spanOf } from './DrillsPage';

describe('V2 exercise score durations', () => {
  it('says whole seconds the way people read them', () => {
    expect(spanOf(40)).toBe('40 s');
    expect(spanOf(12 * 60 + 5)).toBe('12 min');
    expect(spanOf(3600)).toBe('1 h');
    expect(spanOf(3600 + 5 * 60)).toBe('1 h 5 min');
  });
});
