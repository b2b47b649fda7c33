// Issue 19 §1–§2 as party B's coordinator (the leader of B) meets an incident party A is
// responsible for, in Chinese: A's steps are not offered to B, and say whose they are and who
// holds that role; a refusal is said in Chinese; a note is confirmed and its box emptied; a
// double click records once; waiving a step asks first; the level list starts at the level.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assessInMatrix, reportThroughForm, serverAndBrowser, shot, signedIn } from './harness.mjs';

const env = serverAndBrowser();
const LATIN = /[A-Za-z]/;
const PAYMENTS = { phenomenon: '支付接口全部超时', scope: '全部线上支付', cause: '云服务商区域故障' };

test('C3, L4: party B sees only what it may do, in Chinese; actions confirm, once; waiving asks', async () => {
  // A's technical lead reports, A's leader assesses moderate × normal: L2.
  const tech = await signedIn(env.browser, env.server.url, 'tech-a');
  const id = await reportThroughForm(tech, PAYMENTS);
  const admin = await signedIn(env.browser, env.server.url, 'admin-a');
  await assessInMatrix(admin, env.server.url, id, 2);

  const b = await signedIn(env.browser, env.server.url, 'leader-b');
  await b.goto(`${env.server.url}/#/incidents/${id}`);
  await b.waitForSelector('ol.steps');
  const step = (n) => b.locator('ol.steps > li').nth(n);

  // L2.suspend (A's leader) and L2.supervisor (A's technical lead): no form for B, whose they are.
  const suspend = step(0);
  assert.equal(await suspend.locator('form.evidence-form').count(), 0, "A's step offers B no form");
  assert.equal((await suspend.locator('.permit-denied').innerText()).trim(), '属于甲方组长（张伟，副手赵磊）');
  const supervisor = step(3);
  const who = (await supervisor.locator('.permit-denied').innerText()).trim();
  assert.equal(who, '属于甲方技术负责人（李娜，副手陈静）');
  assert.equal(LATIN.test(who), false, `no English: ${who}`);
  assert.equal(await supervisor.locator('form.evidence-form').count(), 0);
  // L2.meeting is any party's leader's: B's leader may complete it.
  const meeting = step(2);
  assert.equal(await meeting.locator('.permit-denied').count(), 0);
  assert.equal(await meeting.locator('form.evidence-form').count(), 1);

  // The level list starts at the current level; changing it to that level is refused, in Chinese.
  // The form's controls by their labels (their ids are the page's own: useId).
  const levelForm = b.locator('form[aria-label="调整响应级别"]');
  assert.equal(await levelForm.getByLabel('响应级别', { exact: true }).inputValue(), 'L2');
  await levelForm.getByLabel('理由', { exact: true }).fill('确认级别');
  await levelForm.locator('button[type=submit]').click();
  const refusal = levelForm.locator('.error');
  await refusal.waitFor({ timeout: 10000 });
  assert.equal((await refusal.innerText()).trim(), '事件已是 L2 级');
  await shot(b, 'incident-party-b-zh');

  // A note: confirmed in the live region, its box emptied.
  const noteForm = b.locator('form[aria-label="备注"]');
  await noteForm.locator('textarea').fill('乙方已通知客服团队');
  await noteForm.locator('button[type=submit]').click();
  await b.locator('[aria-live="polite"] .toast', { hasText: '备注已添加' }).first().waitFor({ timeout: 10000 });
  assert.equal(await noteForm.locator('textarea').inputValue(), '');

  // A double click sends the note once.
  const posts = [];
  b.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/notes')) posts.push(r.url());
  });
  await noteForm.locator('textarea').fill('双击只记一次');
  await noteForm.locator('button[type=submit]').dblclick();
  await b.locator('ol.timeline', { hasText: '双击只记一次' }).waitFor({ timeout: 10000 });
  assert.equal(posts.length, 1, 'one request for a double click');
  assert.equal(await b.locator('ol.timeline li', { hasText: '双击只记一次' }).count(), 1);

  // Waiving is apart from completing and asks first; "back" sends nothing.
  const waive = meeting.locator('details.waive');
  await waive.locator('summary').click();
  await waive.locator('textarea').fill('双方已在企业微信群开会');
  await waive.locator('button[type=submit]').click();
  const ask = waive.locator('.confirm');
  await ask.waitFor();
  assert.match(await ask.innerText(), /确认免除此步骤/);
  await ask.locator('button.link').click();
  assert.equal(await waive.locator('.confirm').count(), 0);
  await waive.locator('button[type=submit]').click();
  await waive.locator('.confirm button[type=submit]').click();
  await b.locator('[aria-live="polite"] .toast', { hasText: '步骤已免除' }).first().waitFor({ timeout: 10000 });
  await b.locator('ol.steps > li.done', { hasText: '免除' }).first().waitFor({ timeout: 10000 });

  // No English in the permit lines and refusals party B reads.
  for (const line of await b.locator('.permit-denied').allInnerTexts()) {
    assert.equal(LATIN.test(line), false, `no English: ${line}`);
  }
});
