import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/i18n';
import { pageTitle } from './pages';

const zh = (key: Parameters<typeof translate>[1]) => translate('zh-CN', key);
const en = (key: Parameters<typeof translate>[1]) => translate('en', key);

describe('pageTitle', () => {
  it('names the page, then the app, in the reader’s language', () => {
    expect(pageTitle('/', true, zh)).toBe('事件看板 · Pactum 应急预案');
    expect(pageTitle('/', true, en)).toBe('Board · Pactum emergency plan');
    expect(pageTitle('/audit', true, en)).toBe('Audit · Pactum emergency plan');
    expect(pageTitle('/fund', true, zh)).toBe('应急资金 · Pactum 应急预案');
    expect(pageTitle('/history', true, en)).toBe(`${en('nav_history')} · Pactum emergency plan`);
    expect(pageTitle('/mailbox', true, zh)).toBe(`${zh('nav_mailbox')} · Pactum 应急预案`);
  });
  it('names a record by its number', () => {
    expect(pageTitle('/incidents/INC-2026-0001', true, en)).toBe('INC-2026-0001 · Incident · Pactum emergency plan');
    expect(pageTitle('/drills/DR-2026-0001', true, zh)).toBe('DR-2026-0001 · 应急演练 · Pactum 应急预案');
  });
  it('is the sign-in page when nobody is signed in', () => {
    expect(pageTitle('/plan', false, en)).toBe('Sign in · Pactum emergency plan');
  });
});
