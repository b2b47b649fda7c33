import { describe, expect, it } from 'vitest';
import { countdown, formatRemaining } from './countdown';

const H = 3_600_000;
const units = { d: 'd', h: 'h', m: 'm', s: 's' };

describe('countdown', () => {
  it('P3: an assessment due in 4 h is calm at first, then soon, urgent, breached', () => {
    const starts = 0;
    const due = 4 * H;
    expect(countdown(0, due, starts).urgency).toBe('calm');
    expect(countdown(2.5 * H, due, starts).urgency).toBe('soon');
    expect(countdown(3.5 * H, due, starts).urgency).toBe('urgent');
    expect(countdown(4 * H + 1, due, starts).urgency).toBe('breached');
  });

  it('formats what is left, and what is overdue', () => {
    expect(formatRemaining(2 * 86_400_000 + 3 * H, units)).toBe('2d 3h');
    expect(formatRemaining(3 * H + 5 * 60_000, units)).toBe('3h 05m');
    expect(formatRemaining(4 * 60_000 + 9_000, units)).toBe('4m 09s');
    expect(formatRemaining(-(90 * 60_000), units)).toBe('-1h 30m');
  });
});
