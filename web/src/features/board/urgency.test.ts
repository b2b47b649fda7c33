import { describe, expect, it } from 'vitest';
import { byUrgency } from './urgency';

const card = (id: string, o: { level?: string; worst?: string; next?: string; reported?: string } = {}) => ({
  id,
  level: o.level ?? null,
  worst_breach: o.worst ? ({ due: o.worst } as never) : null,
  next_due: o.next ? ({ due: o.next } as never) : null,
  reported_at: o.reported ?? '2026-03-02T01:00:00.000Z',
});
const rank = (l: string) => Number(l.slice(1));
const ids = (cards: ReturnType<typeof card>[]) => byUrgency(cards, rank).map((c) => c.id);

describe('the board by urgency (L4)', () => {
  it('puts breached cards first, the longest overdue first', () => {
    expect(
      ids([
        card('calm', { level: 'L3', next: '2026-03-02T09:00:00Z' }),
        card('late', { level: 'L1', worst: '2026-03-02T02:00:00Z', next: '2026-03-02T02:00:00Z' }),
        card('later', { level: 'L1', worst: '2026-03-02T01:00:00Z', next: '2026-03-02T01:00:00Z' }),
      ]),
    ).toEqual(['later', 'late', 'calm']);
  });
  it('then the nearest deadline; nothing due comes last', () => {
    expect(
      ids([
        card('none', { level: 'L3' }),
        card('far', { next: '2026-03-03T00:00:00Z' }),
        card('near', { next: '2026-03-02T03:00:00Z' }),
      ]),
    ).toEqual(['near', 'far', 'none']);
  });
  it('breaks a tie by the higher level', () => {
    const due = '2026-03-02T03:00:00Z';
    expect(ids([card('l1', { level: 'L1', next: due }), card('l2', { level: 'L2', next: due })])).toEqual(['l2', 'l1']);
  });
});
