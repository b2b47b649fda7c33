// The preparedness programme end to end (issue 15, section 7): a leader records a drill with an
// improvement item through the form, sees the quarter's V2 duty met on the programme page, then
// records a training whose topics include that item (offered by the form) and sees it listed;
// the contact sheet flags who is untrained (C2); a refusal names the field in Chinese; and in
// English no Chinese is left on the programme's pages but what people typed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, shot, signedIn } from './harness.mjs';

const ITEM = '更新副手联系电话并打印纸质联络表';
const env = serverAndBrowser();

/** The quarter now in the plan's zone (Asia/Shanghai, UTC+8 all year): "2026-Q4". */
function quarterNow() {
  const d = new Date(Date.now() + 8 * 3600 * 1000);
  return `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
}

test('V2 and E1: a drill with an improvement item meets the quarter, a training covers the item', async () => {
  const a = await signedIn(env.browser, env.server.url, 'admin-a'); // a-zhang, leader of A
  const v2 = `tr.duty[data-rule="V2"][data-period="${quarterNow()}"]`;
  await a.click('nav a[href="#/programme"]');
  await a.waitForSelector(v2);
  assert.match(await a.locator(`${v2} .badge`).innerText(), /待完成/);

  // A refusal names the field in the reader's language: a drill needs participants.
  await a.click('nav.tabs a[href="#/drills"]');
  await a.waitForSelector('form[aria-label="记录演练"]');
  await a.click('form[aria-label="记录演练"] button[type=submit]');
  const refusal = a.locator('fieldset[data-field="participants"] .error');
  await refusal.waitFor();
  assert.match(await refusal.innerText(), /「参演人员」不符合预案要求/);

  // The drill: the plan's kinds and scenarios, people of both parties, an improvement item.
  await a.selectOption('#f-kind', 'tabletop');
  await a.selectOption('#f-scenario', 'technical_failure');
  for (const id of ['a-zhang', 'a-li', 'b-wang', 'b-zhou']) await a.check(`input[name="participants"][value="${id}"]`);
  await a.fill('#f-findings', '乙方副手电话已变更，联络表未更新');
  await a.click('text=添加改进事项');
  await a.fill('#f-improvements\\[0\\]\\.text', ITEM);
  await a.selectOption('#f-improvements\\[0\\]\\.owner_role', 'communications_lead');
  await a.selectOption('#f-improvements\\[0\\]\\.owner_party', 'B');
  await a.fill('#f-improvements\\[0\\]\\.due', '2099-01-31');
  for (const id of ['a-zhang', 'a-li', 'b-wang']) await a.selectOption(`select[name="assessment-${id}"]`, 'passed');
  await a.selectOption('select[name="assessment-b-zhou"]', 'failed');
  await shot(a, 'drill-form-zh');
  await a.click('form[aria-label="记录演练"] button[type=submit]');
  const recorded = a.locator('form[aria-label="记录演练"] output a');
  await recorded.waitFor();
  const drill = await recorded.innerText();
  assert.match(drill, /^DR-\d{4}-0001$/);
  assert.match(await a.locator(`article#${drill}`).innerText(), new RegExp(ITEM));

  // The programme page: the quarter's V2 duty is met by that drill, and the figures count it.
  await a.click('nav.tabs a[href="#/programme"]');
  await a.locator(`${v2} .badge`, { hasText: '已完成' }).waitFor();
  assert.equal(await a.locator(`${v2} a.record-link`).innerText(), drill);
  assert.equal(await a.locator('[data-figure="drills"] dd[data-kind="tabletop"]').innerText(), '1');
  assert.match(await a.locator('[data-figure="pass-rates"]').innerText(), /3\/4 = 75 %/);
  // Filters: by rule, then a party.
  await a.selectOption('#f-rule', 'V2');
  assert.equal(await a.locator('tr.duty:not([data-rule="V2"])').count(), 0);
  await a.selectOption('#f-party', 'B');
  assert.ok(await a.locator(v2).count(), 'both parties answer for V2');
  await a.selectOption('#f-rule', '');
  assert.equal(await a.locator('tr.duty[data-subject="a-zhang"]').count(), 0, "A's people are not B's duties");
  await a.selectOption('#f-party', '');
  assert.match(await a.getAttribute('a:has-text("导出 CSV")', 'href'), /format=csv$/);

  // The met_by link leads to the drill.
  await a.click(`${v2} a.record-link`);
  await a.waitForSelector(`article#${drill}.selected`);

  // The training: the form offers the drill's improvement item as a topic.
  await a.click('nav.tabs a[href="#/trainings"]');
  const offered = a.locator(`.improvement-topics input[name="topics"][value="${ITEM}"]`);
  await offered.waitFor();
  await offered.check();
  await a.check('input[name="topics"][value="应急预案手册（含角色职责、流程图、联系方式）"]');
  await a.selectOption('#f-trainer', 'a-liu');
  for (const id of ['b-zhou', 'b-wu']) await a.check(`input[name="attendees"][value="${id}"]`);
  await a.selectOption('select[name="assessment-b-zhou"]', 'passed');
  await a.click('form[aria-label="记录培训"] button[type=submit]');
  const trained = a.locator('form[aria-label="记录培训"] output a');
  await trained.waitFor();
  const training = await trained.innerText();
  assert.match(training, /^TR-\d{4}-0001$/);
  const card = await a.locator(`article#${training}`).innerText();
  assert.match(card, new RegExp(ITEM));
  assert.match(card, /应急预案手册/);

  // C2 on the contact sheet: b-zhou is trained now, a-wang never was.
  await a.click('nav a[href="#/contacts"]');
  await a.waitForSelector('tr[data-contact="a-wang"]');
  assert.match(await a.locator('tr[data-contact="a-wang"] td:last-child').innerText(), /未培训/);
  assert.equal(await a.locator('tr[data-contact="b-zhou"] td.training-flag').count(), 0);

  await a.click('nav a[href="#/programme"]');
  await a.locator(`${v2} .badge`, { hasText: '已完成' }).waitFor();
  await shot(a, 'programme-zh');
  await a.selectOption('header.top select', 'en');
  await a.locator(`${v2} .badge`, { hasText: 'Met' }).waitFor();
  await shot(a, 'programme-en');

  // In English no Chinese is left on the programme's pages but what people typed.
  const typed = [ITEM, '乙方副手电话已变更，联络表未更新'];
  for (const path of ['/programme', '/drills', '/trainings', '/meetings']) {
    await a.goto(`${env.server.url}/#${path}`);
    await a.waitForSelector('main.programme h1');
    let text = await a.locator('body').innerText();
    for (const d of typed) text = text.split(d).join('');
    text = text.replace('中文', '');
    const cjk = text.match(/[\u4e00-\u9fff]+/g);
    assert.equal(cjk, null, `Chinese left on ${path} in English: ${cjk?.slice(0, 5).join(' ')}`);
  }
  await a.selectOption('header.top select', 'zh-CN');
});

test("M1: the quarterly meeting is recorded from the plan's meetings and meets its duty", async () => {
  const b = await signedIn(env.browser, env.server.url, 'leader-b'); // b-wang, leader of B: record_meeting
  await b.goto(`${env.server.url}/#/meetings`);
  await b.waitForSelector('#f-meeting');
  await b.selectOption('#f-meeting', 'quarterly');
  for (const id of ['a-zhang', 'b-wang']) await b.check(`input[name="participants"][value="${id}"]`);
  await b.fill('#f-decisions', '下季度开展实战演练');
  await b.click('form[aria-label="记录会议"] button[type=submit]');
  const recorded = b.locator('form[aria-label="记录会议"] output a');
  await recorded.waitFor();
  const id = await recorded.innerText();
  await b.goto(`${env.server.url}/#/programme`);
  const m1 = b.locator(`tr.duty[data-rule="M1"][data-period="${quarterNow()}"]`);
  await m1.locator('.badge', { hasText: '已完成' }).waitFor();
  assert.equal(await m1.locator('a.record-link').innerText(), id);
});

test('V2: a drill with its duration, facilitator and evidence; its improvement marked done; a duty waived', async () => {
  const a = await signedIn(env.browser, env.server.url, 'admin-a'); // a-zhang, leader of A
  await a.goto(`${env.server.url}/#/drills`);
  const form = a.locator('form[aria-label="记录演练"]');
  await form.waitFor();
  await a.selectOption('#f-kind', 'tabletop');
  for (const id of ['a-zhang', 'b-wang']) await a.check(`input[name="participants"][value="${id}"]`);
  await a.fill('#f-duration', '90m');
  await a.selectOption('#f-facilitator', 'a-zhang');
  await a.fill('#f-evidence', '桌面推演签到表与记录');
  await a.click('text=添加改进事项');
  await a.fill('#f-improvements\\[0\\]\\.text', '补充夜间值班联系人');
  await a.selectOption('#f-improvements\\[0\\]\\.owner_role', 'leader');
  await a.selectOption('#f-improvements\\[0\\]\\.owner_party', 'A');
  await a.fill('#f-improvements\\[0\\]\\.due', '2099-01-31');
  await form.locator('button[type=submit]').click();
  const recorded = form.locator('output a');
  await recorded.waitFor();
  const drill = await recorded.innerText();
  const card = a.locator(`article#${drill}`);
  await card.waitFor();
  const facts = await card.innerText();
  assert.match(facts, /时长\s*90m/);
  assert.match(facts, /组织者/);
  assert.match(facts, /桌面推演签到表与记录/);

  // The improvement is marked done by its owner (the leader of A), with what was done.
  await card.locator('details.complete-item summary').click();
  await card.locator('details.complete-item input').fill('已补充并打印');
  await card.locator('details.complete-item button[type=submit]').click();
  await a.locator(`article#${drill}`, { hasText: '已补充并打印' }).waitFor();
  assert.equal(await a.locator(`article#${drill} details.complete-item`).count(), 0, 'nothing left to mark');

  // A duty waived with the reason: this year's annual review.
  await a.click('nav.tabs a[href="#/programme"]');
  const g2 = a.locator('tr.duty[data-rule="G2"]').first();
  await g2.waitFor();
  await g2.locator('details.waive-duty summary').click();
  await g2.locator('details.waive-duty input').fill('双方同意并入合作协议续签评审');
  await g2.locator('details.waive-duty button[type=submit]').click();
  await a.locator('tr.duty[data-rule="G2"]', { hasText: '双方同意并入合作协议续签评审' }).waitFor();
  assert.match(await a.locator('tr.duty[data-rule="G2"]').first().innerText(), /已免除/);

  // M1: a meeting's action item, tracked the same way.
  await a.click('nav.tabs a[href="#/meetings"]');
  const minutes = a.locator('form[aria-label="记录会议"]');
  await minutes.waitFor();
  for (const id of ['a-zhang', 'b-wang']) await minutes.locator(`input[name="participants"][value="${id}"]`).check();
  await minutes.locator('text=添加待办事项').click();
  await a.fill('#f-actions\\[0\\]\\.text', '更新供应商联系人');
  await a.selectOption('#f-actions\\[0\\]\\.owner_role', 'leader');
  await a.selectOption('#f-actions\\[0\\]\\.owner_party', 'A');
  await a.fill('#f-actions\\[0\\]\\.due', '2099-01-31');
  await minutes.locator('button[type=submit]').click();
  const mt = await minutes.locator('output a').innerText();
  const meeting = a.locator(`article#${mt}`);
  await meeting.waitFor();
  await meeting.locator('details.complete-item summary').click();
  await meeting.locator('details.complete-item input').fill('已更新');
  await meeting.locator('details.complete-item button[type=submit]').click();
  await a.locator(`article#${mt}`, { hasText: '已更新' }).waitFor();
});
