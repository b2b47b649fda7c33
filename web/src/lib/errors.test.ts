import { describe, expect, it } from 'vitest';
import { ApiError, type Plan } from '../api/client';
import { translate, type I18n, type Lang } from '../i18n/i18n';
import { errorText, fieldLabel, fieldPath, localized, localizeError } from './errors';
import { partyShort } from './names';

function i18nOf(lang: Lang): I18n {
  return {
    lang,
    t: (k) => translate(lang, k),
    text: (x) => (x ? (lang === 'zh-CN' ? x.zh : x.en) : ''),
    time: (iso) => iso ?? '—',
  };
}

const plan = {
  parties: [
    { id: 'A', name: { zh: '甲方：华东示例科技有限公司', en: 'Party A: East China Example Technology Co., Ltd.' } },
    {
      id: 'B',
      name: { zh: '乙方：北方示例数据服务有限公司', en: 'Party B: North China Example Data Services Co., Ltd.' },
    },
  ],
  roles: [
    { id: 'leader', name: { zh: '组长', en: 'Leader' } },
    { id: 'tech_lead', name: { zh: '技术负责人', en: 'Technical lead' } },
  ],
  contacts: [],
  levels: [
    { id: 'L2', steps: [{ id: 'L2.supervisor', name: { zh: '报送技术监理', en: 'Submit to the supervisor' } }] },
  ],
} as unknown as Plan;

const zh = i18nOf('zh-CN');
const en = i18nOf('en');

describe('errors in the reader’s language', () => {
  const labels = { participants: '参演人员', improvements: '改进清单', 'improvements.due': '完成期限' };

  it('splits an API field into names and indexes', () => {
    expect(fieldPath('improvements[0].due')).toEqual(['improvements', 0, 'due']);
    expect(fieldPath('participants[12]')).toEqual(['participants', 12]);
    expect(fieldPath('held_at')).toEqual(['held_at']);
  });

  it('names the field by the form’s label, items counted from 1', () => {
    expect(fieldLabel('participants[1]', labels, 'zh-CN')).toBe('参演人员 › 第2项');
    expect(fieldLabel('improvements[0].due', labels, 'zh-CN')).toBe('改进清单 › 第1项 › 完成期限');
    expect(
      fieldLabel('improvements[0].due', { improvements: 'Improvement list', 'improvements.due': 'Due' }, 'en'),
    ).toBe('Improvement list › item 1 › Due');
    expect(fieldLabel('unknown', labels, 'en')).toBe('unknown');
  });

  it('C3: says whose step it is from the reason and its params, by the plan’s names, with no English in Chinese', () => {
    const e = new ApiError(
      403,
      'permission_denied',
      'step "L2.supervisor" belongs to the tech_lead of party A; you are a member of party B holding: leader',
      undefined,
      'step.owned_by_other_party',
      { step: 'L2.supervisor', owner_role: 'tech_lead', party: 'A' },
    );
    expect(errorText(e, zh, { plan })).toBe('此步骤属于甲方技术负责人');
    expect(errorText(e, en, { plan })).toBe("This step belongs to Party A's Technical lead");
    expect(/[A-Za-z]/.test(errorText(e, zh, { plan }))).toBe(false);
  });

  it('names roles of a permission and the field of a field reason by the form’s label', () => {
    const roles = new ApiError(403, 'permission_denied', 'x', undefined, 'permission.role_required', {
      action: 'waive_step',
      roles: 'leader,tech_lead',
    });
    expect(errorText(roles, zh, { plan })).toBe('此操作仅限组长、技术负责人');
    const blank = new ApiError(400, 'invalid_argument', '"reason" is required', 'reason', 'field.required', {});
    expect(errorText(blank, zh, { labels: { reason: '理由' } })).toBe('请填写「理由」');
    expect(errorText(blank, en, { labels: { reason: 'Reason' } })).toBe('Reason is required');
    const closed = new ApiError(422, 'failed_precondition', 'the incident is closed', undefined, 'incident.closed', {});
    expect(errorText(closed, zh)).toBe('事件已关闭，记录不可再更改');
  });

  it('falls back to the category and the field’s label for a reason it does not know', () => {
    const e = new ApiError(400, 'invalid_argument', 'unknown contact "x"', 'participants[1]', 'invalid_argument', {});
    expect(errorText(e, zh, { labels })).toBe('「参演人员 › 第2项」不符合预案要求');
    const denied = new ApiError(403, 'permission_denied', 'needs leader', undefined, 'some.new_reason', {});
    expect(errorText(denied, en)).toBe('You may not do this (needs leader)');
    expect(errorText(denied, zh)).toBe('你无权进行此操作');
  });

  it('keeps status, code, field and reason, and says an error once', () => {
    const e = localizeError(new ApiError(400, 'invalid_argument', 'x', 'participants[1]', 'field.required', {}), zh, {
      labels,
    });
    expect(e.message).toBe('请填写「参演人员 › 第2项」');
    expect([e.status, e.code, e.field, e.reason]).toEqual([
      400,
      'invalid_argument',
      'participants[1]',
      'field.required',
    ]);
    expect(localizeError(e, zh)).toBe(e);
    expect(localizeError(e, zh).detail).toBe('x');
    // An error the app made itself is already in the reader's language: kept as it is.
    const local = new ApiError(400, 'invalid_argument', '最多两位小数', 'amount');
    expect(localizeError(local, zh)).toBe(local);
  });

  it('says a refusal in the reader’s language, keeps the field and the server’s detail', () => {
    const refusal = () =>
      new ApiError(400, 'invalid_argument', 'unknown contact "x"', 'participants[1]', 'invalid_argument', {});
    const e = localizeError(refusal(), en, {
      labels: { participants: 'Participants' },
    });
    expect(e.message).toBe('Participants › item 2: is not accepted (unknown contact "x")');
    expect([e.status, e.field, e.detail]).toEqual([400, 'participants[1]', 'unknown contact "x"']);
    expect(localizeError(refusal(), zh, { labels }).message).toBe('「参演人员 › 第2项」不符合预案要求');
  });

  it('localized: a form’s action whose refusal is said by the form’s labels', async () => {
    const ok = localized(zh, labels, () => Promise.resolve('DR-2026-0001'));
    await expect(ok()).resolves.toBe('DR-2026-0001');
    const refused = localized(zh, labels, () =>
      Promise.reject(new ApiError(400, 'invalid_argument', 'x', 'improvements[0].due', 'field.required', {})),
    );
    await expect(refused()).rejects.toMatchObject({
      message: '请填写「改进清单 › 第1项 › 完成期限」',
      field: 'improvements[0].due',
    });
    const failed = localized(en, labels, () => Promise.reject(new Error('network down')));
    await expect(failed()).rejects.toMatchObject({ code: 'internal', message: 'Error: network down' });
  });
});

describe('partyShort', () => {
  it('keeps what comes before the colon of a party’s name, in either language', () => {
    expect(partyShort('甲方：华东示例科技有限公司')).toBe('甲方');
    expect(partyShort('Party B: North China Example Data Services Co., Ltd.')).toBe('Party B');
    expect(partyShort('Acme')).toBe('Acme');
  });
});
