import { describe, expect, it } from 'vitest';
import type { Schemas } from '../../api/client';
import operations from '../../../../docs/operations.md?raw';
import { curlLine, latestRuns, percentOf, recentDays, sizeOf, type BackupRun } from './model';

type Duty = Schemas['ProgrammeDuty'];

function day(period: string, subject: string, state: Duty['state']): Duty {
  return {
    rule: 'B1',
    period,
    subject,
    title: { zh: '', en: '' },
    owner_role: 'tech_lead',
    owner_party: 'any',
    starts: `${period}T00:00:00+08:00`,
    due: `${period}T23:59:59+08:00`,
    required: 1,
    done: state === 'met' ? 1 : 0,
    state,
    met_by: [],
    waiver_reason: '',
  };
}

function run(id: string, finished: string): BackupRun {
  return {
    id,
    location: 'local',
    started_at: finished,
    finished_at: finished,
    size: 1,
    sha256: 'a'.repeat(64),
    result: 'success',
  };
}

describe('B1: the days of a location', () => {
  it('shows the last n days of that location, oldest first', () => {
    const duties = [
      day('2026-12-01', 'local', 'breached'),
      day('2026-12-01', 'cloud', 'met'),
      day('2026-12-02', 'local', 'met'),
      day('2026-12-03', 'local', 'open'),
      { ...day('2026-12', '', 'met'), rule: 'B2' as const },
    ];
    const now = Date.parse('2026-12-03T12:00:00+08:00');
    expect(recentDays(duties, 'local', 2, now).map((d) => `${d.period} ${d.state}`)).toEqual([
      '2026-12-02 met',
      '2026-12-03 open',
    ]);
    expect(recentDays(duties, 'cloud', 14, now)).toHaveLength(1);
    expect(recentDays(duties, 'local', 14, Date.parse('2026-12-02T12:00:00+08:00'))).toHaveLength(2); // not the 3rd yet
  });
  it('lists the latest runs first', () => {
    const runs = [
      run('BR-1', '2026-12-01T02:00:00Z'),
      run('BR-3', '2026-12-03T02:00:00Z'),
      run('BR-2', '2026-12-02T02:00:00Z'),
    ];
    expect(latestRuns(runs, 2).map((r) => r.id)).toEqual(['BR-3', 'BR-2']);
  });
});

describe('B2: figures as people read them', () => {
  it('sizes in powers of 1024', () => {
    expect(sizeOf(0)).toBe('0 B');
    expect(sizeOf(1023)).toBe('1023 B');
    expect(sizeOf(123456789)).toBe('117.7 MiB');
  });
  it('the success rate from per mille, without rounding up', () => {
    expect(percentOf(1000)).toBe('100 %');
    expect(percentOf(666)).toBe('66.6 %');
    expect(percentOf(0)).toBe('0 %');
  });
});

describe("the backup job's report", () => {
  it('is the curl line docs/operations.md gives', () => {
    expect(operations).toContain(curlLine('https://pactum.example', 'cloud'));
  });
});
