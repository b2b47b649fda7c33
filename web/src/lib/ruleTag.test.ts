import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/i18n';
import { ruleExplanation } from './ruleTag';

describe('rule tags explained', () => {
  it('L4: says which rule of the plan a tag is, in each language', () => {
    expect(ruleExplanation('zh-CN', 'L4', translate('zh-CN', 'rule_L4'))).toBe('L4：预案第 L4 条·调整级别');
    expect(ruleExplanation('en', 'L4', translate('en', 'rule_L4'))).toBe('L4: plan rule L4 · changing the level');
  });

  it('takes the plan’s own name of a trigger or a level', () => {
    expect(ruleExplanation('zh-CN', 'T1', '重大技术故障')).toBe('T1：预案第 T1 条·重大技术故障');
    expect(ruleExplanation('en', 'L2', 'Major')).toBe('L2: plan rule L2 · Major');
  });

  it('keeps the English free of Chinese punctuation', () => {
    expect(ruleExplanation('en', 'P1', 'Report')).not.toMatch(/[：，、（）。]/u);
  });
});
