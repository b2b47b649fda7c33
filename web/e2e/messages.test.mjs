// M1 end to end: the communications lead opens an incident, drafts the regulator's notice from
// the plan's template, edits it, names the recipients (a malformed one is refused at its field,
// nothing is recorded), sends it, and sees it listed and on the incident's timeline with the
// exact text; the panel speaks English too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reportThroughForm, serverAndBrowser, shot, signedIn } from './harness.mjs';

const env = serverAndBrowser();

test('M1: a draft from the regulator template, edited, sent by email, on the timeline', async () => {
  const tech = await signedIn(env.browser, env.server.url, 'tech-a');
  const id = await reportThroughForm(tech);

  const comms = await signedIn(env.browser, env.server.url, 'comms-a');
  await comms.goto(`${env.server.url}/#/incidents/${id}`);
  const form = comms.locator('form[aria-label="对外沟通"]');
  await form.waitFor({ timeout: 10000 });
  await form.locator('#f-template').selectOption('regulator');
  await form.locator('#f-language').selectOption('zh-CN');
  await form.getByRole('button', { name: '生成草稿' }).click();
  await comms.waitForFunction(() => document.querySelector('#f-subject')?.value !== '');
  assert.equal(await form.locator('#f-subject').inputValue(), `突发事件报告：重大技术故障（${id}）`);
  const draft = await form.locator('#f-body').inputValue();
  assert.match(draft, /四、事件概况：订单系统无法访问/);
  assert.match(draft, /联系人：刘洋（公共关系经理）/);

  const edited = draft.replace(
    '处置进展及调查结论将及时续报。',
    '已于 10:30 切换至备用数据库。处置进展及调查结论将及时续报。',
  );
  assert.notEqual(edited, draft);
  await form.locator('#f-body').fill(edited);
  await form.locator('#f-to').fill('gov@regulator.example.cn, duty@regulator');
  await form.getByRole('button', { name: '发送邮件' }).click();
  await comms.locator('#f-to-error').waitFor({ timeout: 10000 });
  assert.match(await comms.locator('#f-to-error').innerText(), /“duty@regulator”不是有效的邮箱地址/);
  assert.equal(await comms.locator('table.external-messages').count(), 0, 'nothing recorded');

  await form.locator('#f-to').fill('gov@regulator.example.cn\nduty@regulator.example.cn');
  await form.getByRole('button', { name: '发送邮件' }).click();
  const row = comms.locator('table.external-messages tr[data-number="1"]');
  await row.waitFor({ timeout: 10000 });
  const listed = await row.innerText();
  assert.match(listed, /监管机构通报模板/);
  assert.match(listed, /gov@regulator\.example\.cn, duty@regulator\.example\.cn/);
  assert.match(listed, /comms-a \(A\)/);
  await row.locator('summary').click();
  assert.equal(await row.locator('pre.external-body').innerText(), edited, 'exactly the text sent');

  const entry = comms.locator('ol.timeline li', { hasText: '对外消息已发送' });
  await entry.waitFor({ timeout: 10000 });
  assert.match(
    await entry.innerText(),
    new RegExp(`突发事件报告：重大技术故障（${id}） → gov@regulator\\.example\\.cn, duty@regulator\\.example\\.cn`),
  );
  // Who sent it, by name and capacity (once the accounts are loaded).
  await entry.filter({ hasText: '刘洋（甲方沟通负责人）' }).waitFor();
  await shot(comms.locator('form[aria-label="对外沟通"]').locator('..'), 'incident-external-messages-zh');

  // The same panel in English, for the partner's reader.
  const en = await signedIn(env.browser, env.server.url, 'leader-b', { lang: 'en' });
  await en.goto(`${env.server.url}/#/incidents/${id}`);
  await en.locator('form[aria-label="External messages"]').waitFor({ timeout: 10000 });
  await en.locator('table.external-messages tr[data-number="1"]').waitFor({ timeout: 10000 });
  assert.match(await en.locator('ol.timeline').innerText(), /External message sent/);
  await shot(en.locator('form[aria-label="External messages"]').locator('..'), 'incident-external-messages-en');
});
