// The plan's numbers only in the plan: on a plan that gives 3 hours to report and 5 to assess,
// the report form, the incident page's forms and the obligations say 3 and 5 hours, never the
// seed's 2 and 4.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, signedIn } from './harness.mjs';

function otherDeadlines(text) {
  const report = '  report: {within: 2h, from: discovered}';
  const assess = '  assess: {within: 4h, from: reported}';
  if (!text.includes(report) || !text.includes(assess)) {
    throw new Error("the example plan's process deadlines moved: update web/e2e/deadlines.test.mjs");
  }
  return text
    .replace(report, '  report: {within: 3h, from: discovered}')
    .replace(assess, '  assess: {within: 5h, from: reported}');
}

const env = serverAndBrowser({ plan: otherDeadlines });

test('P1, P3: titles, forms and obligations say the deadlines of the plan in force', async () => {
  const tech = await signedIn(env.browser, env.server.url, 'tech-a');
  await tech.click('nav a[href="#/report"]');
  assert.equal(await tech.textContent('#report-title'), '上报事件（发现异常后3小时内）');
  await tech.selectOption('#f-trigger', 'T1');
  await tech.selectOption('#f-condition', 'T1.outage');
  await tech.fill('#f-phenomenon', '核心交易库主从切换失败');
  await tech.fill('#f-scope', '全部交易');
  await tech.fill('#f-cause_guess', '存储故障');
  await tech.click('button[type=submit]');
  await tech.waitForSelector('.incident-page h1');
  const page = await tech.textContent('.incident-page');
  assert.match(page, /初步影响评估（接报后5小时内）/);
  assert.match(page, /发现异常后3小时内向应急联系人报告/);
  assert.doesNotMatch(page, /2小时内|4小时内/); // countdowns such as "4小时 59分" are not deadlines

  const en = await signedIn(env.browser, env.server.url, 'leader-b', { lang: 'en' });
  await en.click('nav a[href="#/report"]');
  assert.equal(await en.textContent('#report-title'), 'Report an incident (within 3 hours after discovery)');
});
