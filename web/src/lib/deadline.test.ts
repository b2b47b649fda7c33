import { describe, expect, it } from 'vitest';
import { translate, type Lang } from '../i18n/i18n';
import { deadlineWords, durationWords, withDeadline } from './deadline';

const i18n = (lang: Lang) => ({ lang, t: (k: Parameters<typeof translate>[1]) => translate(lang, k) });

describe('the plan’s deadlines in words', () => {
  it('P1: says the seed’s two hours in both languages', () => {
    const report = { within: '2h', from: 'discovered' };
    expect(withDeadline(i18n('zh-CN'), 'report_title', report)).toBe('上报事件（发现异常后2小时内）');
    expect(withDeadline(i18n('en'), 'report_title', report)).toBe(
      'Report an incident (within 2 hours after discovery)',
    );
  });

  it('P1–P3: follows a plan with other deadlines', () => {
    expect(deadlineWords(i18n('zh-CN'), { within: '3h', from: 'discovered' })).toBe('发现异常后3小时内');
    expect(deadlineWords(i18n('en'), { within: '90m', from: 'reported' })).toBe('within 90 minutes after the report');
    expect(deadlineWords(i18n('en'), { within: '1h', from: 'reported' })).toBe('within 1 hour after the report');
  });

  it('has words for every unit of the plan’s syntax and leaves others as they are', () => {
    expect(durationWords('zh-CN', '5wd')).toBe('5个工作日');
    expect(durationWords('en', '6mo')).toBe('6 months');
    expect(durationWords('zh-CN', '3cd')).toBe('3个自然日');
    expect(durationWords('en', 'soon')).toBe('soon');
  });
});
