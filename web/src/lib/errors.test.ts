import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { fieldLabel, fieldPath, localizeError } from './errors';

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
  it('says the problem in the reader’s language, keeps the field and the server’s detail', () => {
    const e = localizeError(
      new ApiError(400, 'invalid_argument', 'unknown contact "x"', 'participants[1]'),
      labels,
      'zh-CN',
    );
    expect(e.message).toBe('「参演人员 › 第2项」不符合预案要求 (unknown contact "x")');
    expect(e.field).toBe('participants[1]');
    expect(e.status).toBe(400);
    const denied = localizeError(new ApiError(403, 'permission_denied', 'needs leader'), labels, 'en');
    expect(denied.message).toBe('Your role may not make this record (needs leader)');
  });
});
