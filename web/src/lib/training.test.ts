import { describe, expect, it } from 'vitest';
import { trainingFlag } from './training';

describe('trainingFlag', () => {
  it('C2: never trained is missing; trained but past valid_for is expired', () => {
    expect(trainingFlag(undefined)).toBe('missing');
    expect(trainingFlag({ last_trained: null, current: false })).toBe('missing');
    expect(trainingFlag({ last_trained: '2025-01-01T00:00:00Z', current: false })).toBe('expired');
    expect(trainingFlag({ last_trained: '2026-01-01T00:00:00Z', current: true })).toBe('current');
  });
});
