// Time left to a due time, as people read it, and how urgent it is (the board's colours).

export type Urgency = 'calm' | 'soon' | 'urgent' | 'breached' | 'done';

export interface Countdown {
  /** Milliseconds until due; negative once past. */
  remaining: number;
  urgency: Urgency;
}

const HOUR = 3_600_000;

/**
 * Urgency by the share of the window left: calm above half, soon above a quarter (or an hour),
 * urgent below, breached when past due.
 */
export function countdown(now: number, due: number, starts?: number): Countdown {
  const remaining = due - now;
  if (remaining < 0) return { remaining, urgency: 'breached' };
  const window = starts !== undefined && due > starts ? due - starts : 4 * HOUR;
  const share = remaining / window;
  const urgency: Urgency = share > 0.5 ? 'calm' : share > 0.25 && remaining > HOUR / 4 ? 'soon' : 'urgent';
  return { remaining, urgency };
}

/** "2d 3h", "3h 05m", "4m 09s"; with a leading minus when overdue. */
export function formatRemaining(ms: number, units: { d: string; h: string; m: string; s: string }): string {
  const sign = ms < 0 ? '-' : '';
  let rest = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(rest / 86400);
  rest -= d * 86400;
  const h = Math.floor(rest / 3600);
  rest -= h * 3600;
  const m = Math.floor(rest / 60);
  const s = rest - m * 60;
  const two = (n: number) => String(n).padStart(2, '0');
  if (d > 0) return `${sign}${d}${units.d} ${h}${units.h}`;
  if (h > 0) return `${sign}${h}${units.h} ${two(m)}${units.m}`;
  return `${sign}${m}${units.m} ${two(s)}${units.s}`;
}
