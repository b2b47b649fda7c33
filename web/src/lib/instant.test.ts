import { describe, expect, it } from 'vitest';
import { toInstant } from './instant';

describe('toInstant', () => {
  it('reads the discovery time in the plan’s zone, not the browser’s', () => {
    expect(toInstant('2026-03-02T09:00', 'Asia/Shanghai')).toBe('2026-03-02T01:00:00.000Z');
    expect(toInstant('2026-07-01T12:00', 'Europe/Berlin')).toBe('2026-07-01T10:00:00.000Z');
  });
});
