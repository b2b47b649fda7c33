import { describe, expect, it } from 'vitest';
import {
  filterDuties,
  improvementTopics,
  isWaivable,
  recordHref,
  rulesOf,
  yearsFrom,
  type Drill,
  type Duty,
} from './model';

function duty(rule: string, period: string, owner_party: string, state: Duty['state'] = 'open'): Duty {
  return {
    rule: rule as Duty['rule'],
    period,
    subject: '',
    title: { zh: rule, en: rule },
    owner_role: 'leader',
    owner_party,
    starts: '2026-01-01T00:00:00Z',
    due: '2026-04-01T00:00:00Z',
    required: 1,
    done: 0,
    state,
    met_by: [],
    waiver_reason: '',
  };
}

const duties = [
  duty('V2', '2026-Q1', 'any', 'met'),
  duty('E2', '2026-01-05', 'A'),
  duty('E3', '2026', 'B'),
  duty('V2', '2026-Q2', 'any', 'breached'),
];

describe('filterDuties', () => {
  it('keeps every duty without a filter', () => {
    expect(filterDuties(duties, { party: '', rule: '' })).toEqual(duties);
  });
  it('V2: a party sees its own duties and those any party answers for', () => {
    expect(filterDuties(duties, { party: 'B', rule: '' }).map((d) => d.period)).toEqual(['2026-Q1', '2026', '2026-Q2']);
  });
  it('filters by rule and party together', () => {
    expect(filterDuties(duties, { party: 'A', rule: 'E2' }).map((d) => d.rule)).toEqual(['E2']);
    expect(filterDuties(duties, { party: 'B', rule: 'E2' })).toEqual([]);
  });
  it('lists the rules present in the server’s order, once each', () => {
    expect(rulesOf(duties)).toEqual(['V2', 'E2', 'E3']);
  });
});

describe('recordHref', () => {
  it('leads each kind of record to its page', () => {
    expect(recordHref('DR-2026-0001')).toBe('#/drills/DR-2026-0001');
    expect(recordHref('TR-2026-0002')).toBe('#/trainings/TR-2026-0002');
    expect(recordHref('MT-2026-0003')).toBe('#/meetings/MT-2026-0003');
    expect(recordHref('BR-2026-0004')).toBe('#/backups/BR-2026-0004');
    expect(recordHref('RT-2026-0005')).toBe('#/backups/RT-2026-0005');
    expect(recordHref('ST-2026-0006')).toBe('#/suppliers/ST-2026-0006');
    expect(recordHref('XX-1')).toBeNull();
    expect(recordHref('DRILL')).toBeNull();
  });
});

describe('yearsFrom', () => {
  it('lists the agreement’s years up to now, newest first', () => {
    expect(yearsFrom(2024, 2026)).toEqual([2026, 2025, 2024]);
    expect(yearsFrom(2027, 2026)).toEqual([2026]);
  });
});

describe('improvementTopics', () => {
  const drill = (id: string, held_at: string, texts: string[], done: string[] = []): Drill => ({
    id,
    kind: 'tabletop',
    scenario: 'technical_failure',
    held_at,
    participants: ['a-zhang'],
    findings: '',
    improvements: texts.map((text, i) => ({
      text,
      owner_role: 'leader',
      owner_party: 'A',
      due: '2026-12-01',
      id: `${id}.${i + 1}`,
      n: i + 1,
      state: done.includes(text) ? ('done' as const) : ('open' as const),
    })),
    assessment: [],
    duration: '1h',
    facilitator: '',
    evidence: [],
  });
  it('V2: offers every drill’s improvement items, newest drill first, each text once', () => {
    const items = improvementTopics(
      [
        drill('DR-2026-0001', '2026-02-01T00:00:00Z', ['更新联络表', '备份演练']),
        drill('DR-2026-0002', '2026-05-01T00:00:00Z', ['备份演练', '核对副手电话']),
      ],
      ['应急预案手册'],
    );
    expect(items.map((i) => [i.text, i.drill])).toEqual([
      ['备份演练', 'DR-2026-0002'],
      ['核对副手电话', 'DR-2026-0002'],
      ['更新联络表', 'DR-2026-0001'],
    ]);
  });
  it('leaves out an item already done', () => {
    const items = improvementTopics(
      [drill('DR-2026-0001', '2026-02-01T00:00:00Z', ['更新联络表', '备份演练'], ['更新联络表'])],
      [],
    );
    expect(items.map((i) => i.text)).toEqual(['备份演练']);
  });
  it('leaves out an item the plan’s training content already names', () => {
    expect(
      improvementTopics([drill('DR-2026-0001', '2026-02-01T00:00:00Z', ['应急预案手册'])], ['应急预案手册']),
    ).toEqual([]);
  });
});

describe('isWaivable', () => {
  it('offers a waiver for the duties the server waives, not for S2, F1, F3', () => {
    expect(['V2', 'E2', 'E3', 'E4', 'M1', 'G2', 'B1', 'B2'].every(isWaivable)).toBe(true);
    expect(['S2', 'F1', 'F3', 'X1'].some(isWaivable)).toBe(false);
  });
});
