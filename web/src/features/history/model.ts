// The history page's filters as the API's query (GET /api/v1/incidents and its CSV export take
// the same): days are whole days in the plan's time zone, "to" inclusive (the API's is exclusive).

export interface Filters {
  status: string; // 'closed,cancelled' | 'closed' | 'cancelled' | 'open' | 'all'
  q: string;
  trigger: string;
  level: string;
  party: string;
  from: string; // YYYY-MM-DD or ''
  to: string; // YYYY-MM-DD or ''
}

export const FINISHED = 'closed,cancelled';
export const emptyFilters: Filters = { status: FINISHED, q: '', trigger: '', level: '', party: '', from: '', to: '' };

/** The day after `day` (YYYY-MM-DD). */
export function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The query for `filters`: only what is set; `midnight` turns a day into the instant its midnight
 * is in the plan's zone.
 */
export function historyQuery(filters: Filters, midnight: (day: string) => string): Record<string, string> {
  const out: Record<string, string> = { status: filters.status, exercise: 'false' };
  if (filters.q.trim()) out.q = filters.q.trim();
  if (filters.trigger) out.trigger = filters.trigger;
  if (filters.level) out.level = filters.level;
  if (filters.party) out.party = filters.party;
  if (filters.from) out.from = midnight(filters.from);
  if (filters.to) out.to = midnight(nextDay(filters.to));
  return out;
}

/** The CSV export's address for the same filters. */
export function csvHref(query: Record<string, string>): string {
  return `/api/v1/incidents.csv?${new URLSearchParams(query).toString()}`;
}
