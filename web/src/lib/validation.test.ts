import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/i18n';
import { firstProblem, problemOf, type Validity } from './validation';

const zh = (key: Parameters<typeof translate>[1]) => translate('zh-CN', key);
const en = (key: Parameters<typeof translate>[1]) => translate('en', key);
const valid: Validity = {
  valid: true,
  valueMissing: false,
  typeMismatch: false,
  badInput: false,
  rangeUnderflow: false,
  rangeOverflow: false,
  stepMismatch: false,
  tooShort: false,
  tooLong: false,
  patternMismatch: false,
};
const broken = (patch: Partial<Validity>) => ({ ...valid, valid: false, ...patch });

describe('problemOf', () => {
  it('says nothing of a valid control', () => {
    expect(problemOf({ validity: valid, type: 'text' }, zh)).toBeNull();
  });
  it('says each problem in the reader’s language, with the limit', () => {
    expect(problemOf({ validity: broken({ valueMissing: true }), type: 'text' }, zh)).toBe('请填写此项');
    expect(problemOf({ validity: broken({ valueMissing: true }), type: 'text' }, en)).toBe('Required');
    expect(problemOf({ validity: broken({ rangeUnderflow: true }), type: 'number', min: '1' }, zh)).toBe('不能小于 1');
    expect(problemOf({ validity: broken({ rangeOverflow: true }), type: 'number', max: '100' }, en)).toBe(
      'At most 100',
    );
    expect(problemOf({ validity: broken({ typeMismatch: true }), type: 'email' }, en)).toBe(
      'Enter an email address such as name@example.com',
    );
    expect(problemOf({ validity: broken({ badInput: true }), type: 'datetime-local' }, zh)).toBe(
      '请输入完整的日期和时间',
    );
    expect(problemOf({ validity: broken({ tooShort: true }), type: 'password', minLength: 12 }, en)).toBe(
      'At least 12 characters',
    );
  });
});

describe('firstProblem', () => {
  const form = (html: string) => {
    const f = document.createElement('form');
    f.noValidate = true;
    f.innerHTML = html;
    document.body.append(f);
    return f;
  };
  it('names the first invalid control’s field, in the reader’s language', () => {
    const f = form(`
      <div data-field="title"><label for="a">标题</label><input id="a" value="ok" required></div>
      <div data-field="amount"><label for="b">金额</label><input id="b" type="number" min="1" value="0"></div>
      <div data-field="reason"><label for="c">原因</label><textarea id="c" required></textarea></div>`);
    const p = firstProblem(f, zh)!;
    expect(p.error.field).toBe('amount');
    expect(p.error.message).toBe('不能小于 1');
    expect(p.control.id).toBe('b');
  });
  it('names the label when no field claims the control, and nothing when all is valid', () => {
    const f = form('<label for="d">Email</label><input id="d" type="email" value="not-an-address">');
    expect(firstProblem(f, en)!.error.message).toBe('Email: Enter an email address such as name@example.com');
    expect(firstProblem(form('<input value="x" required>'), en)).toBeNull();
  });
});
