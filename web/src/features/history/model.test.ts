import { describe, expect, it } from 'vitest';
import { csvHref, emptyFilters, historyQuery, nextDay } from './model';

const midnight = (day: string) => `${day}T00:00:00+08:00`;

describe('the history filters (V1, G5)', () => {
  it('asks for the finished incidents by default, and only what is set', () => {
    expect(historyQuery(emptyFilters, midnight)).toEqual({ status: 'closed,cancelled', exercise: 'false' });
  });
  it('makes the last day inclusive: "to" is the next midnight', () => {
    const q = historyQuery({ ...emptyFilters, q: ' 光纤 ', from: '2026-02-01', to: '2026-02-28' }, midnight);
    expect(q).toMatchObject({ q: '光纤', from: '2026-02-01T00:00:00+08:00', to: '2026-03-01T00:00:00+08:00' });
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
  });
  it('exports with the same filters', () => {
    expect(csvHref({ status: 'closed,cancelled', q: '光纤' })).toBe(
      '/api/v1/incidents.csv?status=closed%2Ccancelled&q=%E5%85%89%E7%BA%A4',
    );
  });
});
