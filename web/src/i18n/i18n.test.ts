import { describe, expect, it } from 'vitest';
import { en, zh } from './strings';
import { fill, formatTime } from './i18n';

describe('strings', () => {
  it('have the same keys in both languages, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const [k, v] of Object.entries(en)) expect(v, k).not.toBe('');
    for (const [k, v] of Object.entries(zh)) expect(v, k).not.toBe('');
  });

  it('English strings contain no Chinese', () => {
    for (const [k, v] of Object.entries(en)) expect(/[\u4e00-\u9fff]/.test(v), k).toBe(false);
  });
});

describe('formatTime', () => {
  it('G2: shows times in the plan’s zone, named, whatever the browser’s zone', () => {
    // 16:30 UTC on 31 December is already 1 January in Shanghai.
    expect(formatTime('en', '2026-12-31T16:30:00.000Z', 'Asia/Shanghai')).toBe('2027-01-01 00:30 (Asia/Shanghai)');
    expect(formatTime('zh-CN', '2026-12-31T16:30:00.000Z', 'UTC', false)).toBe('2026-12-31 16:30');
  });
});

describe('fill', () => {
  it('puts values in their places and leaves unknown places as written', () => {
    expect(fill('需{n}名以上成员签字，{n}人', { n: 3 })).toBe('需3名以上成员签字，3人');
    expect(fill('between 1 and {size}', {})).toBe('between 1 and {size}');
  });
});
