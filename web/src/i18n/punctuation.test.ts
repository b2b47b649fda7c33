// The English UI has no Chinese punctuation (issue 19 §6): not in its strings, nor in lists the
// components join (joinList). The e2e test a11y.test.mjs checks the English pages' text as shown.
import { describe, expect, it } from 'vitest';
import { joinList } from './i18n';
import { en } from './strings';

const CHINESE_PUNCTUATION = /[（）：，、。；！？「」《》【】]/;

describe('English without Chinese punctuation', () => {
  it('in every English string', () => {
    const wrong = Object.entries(en).filter(([, text]) => CHINESE_PUNCTUATION.test(text));
    expect(wrong).toEqual([]);
  });
  it('in lists joined for the reader', () => {
    expect(joinList('en', ['Zhang Wei', 'Li Na'])).toBe('Zhang Wei, Li Na');
    expect(joinList('en', ['a, b', 'c'], true)).toBe('a, b; c');
    expect(joinList('zh-CN', ['张伟', '李娜'])).toBe('张伟、李娜');
    expect(joinList('zh-CN', ['甲', '乙'], true)).toBe('甲；乙');
  });
});
