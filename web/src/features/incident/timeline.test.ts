import { describe, expect, it } from 'vitest';
import type { Plan, User } from '../../api/client';
import { translate, type I18n, type Lang } from '../../i18n/i18n';
import { actorName, ownerNames } from '../../lib/people';
import { eventWords } from './timeline';

const plan = {
  parties: [
    { id: 'A', name: { zh: '甲方：华东示例科技有限公司', en: 'Party A: East China Example Technology Co., Ltd.' } },
    {
      id: 'B',
      name: { zh: '乙方：北方示例数据服务有限公司', en: 'Party B: North China Example Data Services Co., Ltd.' },
    },
  ],
  contacts: [
    { id: 'a-zhang', party: 'A', name: { zh: '张伟', en: 'Zhang Wei' }, emergency_contact: true },
    { id: 'a-li', party: 'A', name: { zh: '李娜', en: 'Li Na' }, emergency_contact: false },
    { id: 'a-chen', party: 'A', name: { zh: '陈静', en: 'Chen Jing' }, emergency_contact: false },
  ],
  roles: [
    {
      id: 'leader',
      name: { zh: '组长', en: 'Leader' },
      holders: [{ party: 'A', holder: 'a-zhang', deputy: 'a-chen' }],
    },
    {
      id: 'tech_lead',
      name: { zh: '技术负责人', en: 'Technical lead' },
      holders: [{ party: 'A', holder: 'a-li', deputy: 'a-chen' }],
    },
  ],
  levels: [
    {
      id: 'L2',
      name: { zh: '重大级', en: 'Major' },
      steps: [{ id: 'L2.quotes', name: { zh: '联系3家备选供应商报价', en: 'Get quotes from 3 backup suppliers' } }],
    },
    { id: 'L1', name: { zh: '一般级', en: 'General' }, steps: [] },
  ],
  third_parties: [],
} as unknown as Plan;

const users = [
  { id: 'admin-a', name: 'admin-a', party: 'A', contact: 'a-zhang', admin: true, roles: ['leader'] },
  { id: 'tech-a', name: 'tech-a', party: 'A', contact: 'a-li', admin: false, roles: ['tech_lead'] },
] as User[];

function i18n(lang: Lang): I18n {
  return {
    lang,
    t: (k) => translate(lang, k),
    text: (x) => (x ? (lang === 'zh-CN' ? x.zh : x.en) : ''),
    time: (iso) => iso ?? '',
  };
}
const zh = i18n('zh-CN');
const en = i18n('en');

describe('the timeline in words (L4)', () => {
  it('says the level an assessment set, in each language', () => {
    const e = { type: 'incident.assessed', payload: { level: 'L2', suggested_level: 'L2' } };
    expect(eventWords(zh, plan, e)).toBe('定级为 L2 重大级');
    expect(eventWords(en, plan, e)).toBe('Assessed as L2 Major');
  });
  it('names a completed step as the plan does', () => {
    const e = { type: 'incident.step_completed', payload: { step: 'L2.quotes', level: 'L2' } };
    expect(eventWords(zh, plan, e)).toBe('完成步骤：联系3家备选供应商报价');
    expect(eventWords(en, plan, e)).toBe('Step completed: Get quotes from 3 backup suppliers');
  });
  it('gives a level change both levels and its reason', () => {
    const e = { type: 'incident.level_changed', payload: { from: 'L1', to: 'L2', reason: '影响扩大' } };
    expect(eventWords(zh, plan, e)).toBe('级别由 L1 一般级 调整为 L2 重大级（影响扩大）');
  });
  it('names a breached obligation by its title', () => {
    const e = { type: 'obligation.breached', payload: { obligation: 'sync', due: '' } };
    const obligations = [{ key: 'sync', title: { zh: '同步小组成员', en: 'Sync the group' } }];
    expect(eventWords(zh, plan, e, obligations)).toBe('期限已过：同步小组成员');
  });
});

describe('people by name and capacity (C3)', () => {
  it('names who acted with their party and role', () => {
    const actor = { user: 'admin-a', party: 'A', roles: ['emergency_contact', 'leader'] };
    expect(actorName(plan, zh, users, actor)).toBe('张伟（甲方组长）');
    expect(actorName(plan, en, users, actor)).toBe('Zhang Wei (Party A leader)');
    expect(actorName(plan, en, users, { user: 'tech-a', party: 'A', roles: ['tech_lead'] })).toBe(
      'Li Na (Party A technical lead)',
    );
  });
  it('says a machine is the system and an unknown account by its id', () => {
    expect(actorName(plan, zh, users, { user: 'system:scheduler', party: '', roles: [] })).toBe('系统（scheduler）');
    expect(actorName(plan, en, users, { user: 'ghost', party: '', roles: [] })).toBe('ghost');
  });
  it("names an obligation's owners, holder and deputy", () => {
    expect(ownerNames(plan, zh, 'tech_lead', 'A')).toBe('李娜（负责人）、陈静（副职）');
    expect(ownerNames(plan, en, 'tech_lead', 'A')).toBe('Li Na (holder), Chen Jing (deputy)');
    expect(ownerNames(plan, zh, 'emergency_contact', 'any')).toBe('张伟');
    expect(ownerNames(plan, zh, 'any', 'A')).toBe('');
  });
});
