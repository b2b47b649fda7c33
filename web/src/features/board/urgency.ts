// The board's order: the most urgent card first. Breached first, the longest overdue first (the
// earliest due of its worst breach); then the nearest deadline; the higher level breaks a tie
// (then the newer report), and an incident with nothing due comes last.
import type { IncidentSummary } from '../../api/client';

type Card = Pick<IncidentSummary, 'id' | 'level' | 'worst_breach' | 'next_due' | 'reported_at'>;

const time = (iso: string | null | undefined) => (iso ? Date.parse(iso) : Number.POSITIVE_INFINITY);

const order = <T extends number | string>(x: T, y: T) => (x === y ? 0 : x < y ? -1 : 1);

/** Sorts `cards` most urgent first; `rank` gives a level id's rank (higher is more severe). */
export function byUrgency<T extends Card>(cards: readonly T[], rank: (level: string) => number): T[] {
  const level = (c: Card) => (c.level ? rank(c.level) : 0);
  return [...cards].sort(
    (a, b) =>
      order(a.worst_breach ? 0 : 1, b.worst_breach ? 0 : 1) ||
      order(time(a.worst_breach?.due), time(b.worst_breach?.due)) ||
      order(time(a.next_due?.due), time(b.next_due?.due)) ||
      order(level(b), level(a)) ||
      order(b.reported_at, a.reported_at),
  );
}
