// S3 end to end: at L2 the technical lead of the responsible party records three suppliers'
// quotes on the incident page — two from the register, one named there — the comparison shows
// them, and choosing one with a reason completes the quotes step.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assessInMatrix, reportThroughForm, serverAndBrowser, signedIn } from './harness.mjs';

const env = serverAndBrowser();

function inTwoDays() {
  const d = new Date(Date.now() + 2 * 24 * 3600 * 1000);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

test('S3: three quotes recorded on the incident page, then one chosen with a reason; G1: the plan links its PDF', async () => {
  const tech = await signedIn(env.browser, env.server.url, 'tech-a');
  const id = await reportThroughForm(tech, {
    phenomenon: '支付接口全部超时',
    scope: '全部线上支付',
    cause: '云服务商区域故障',
  });

  // The leader of A assesses: moderate × normal → L2.
  const admin = await signedIn(env.browser, env.server.url, 'admin-a');
  await assessInMatrix(admin, env.server.url, id, 2);

  await tech.reload();
  const step = tech.locator('.quotes');
  await step.waitFor({ timeout: 10000 });
  const record = async (supplier, amount, evidence, name) => {
    const form = tech.locator('form[aria-label="登记报价"]');
    await form.locator('#f-supplier').selectOption(supplier);
    if (name) await form.locator('#f-supplier_name').fill(name);
    await form.locator('#f-amount').fill(amount);
    await form.locator('#f-valid_until').fill(inTwoDays());
    await form.locator('#f-evidence').fill(evidence);
    await form.locator('button[type=submit]').click();
  };
  // An amount that is not one is refused by the server, named at its field; nothing is recorded.
  await record('s01', '12.345', '报价单 Q-1');
  await tech.locator('#f-amount-error').waitFor({ timeout: 10000 });
  assert.equal(await tech.locator('.quotes-table tbody tr').count(), 0, 'nothing recorded');

  await record('s01', '80000', '报价单 Q-1');
  await tech.locator('.quotes-table tbody tr').nth(0).waitFor({ timeout: 10000 });
  await record('s02', '76500.50', '报价单 Q-2');
  await tech.locator('.quotes-table tbody tr').nth(1).waitFor({ timeout: 10000 });
  await record('', '91000', '报价邮件 2026-12', '临时应急服务商');
  await tech.locator('.quotes-table tbody tr').nth(2).waitFor({ timeout: 10000 });
  const table = await tech.locator('.quotes-table').innerText();
  assert.match(table, /¥80,000\.00/);
  assert.match(table, /¥76,500\.50/);
  assert.match(table, /临时应急服务商/);
  assert.match(await step.innerText(), /3 \/ 3/);

  const choose = tech.locator('form[aria-label="选定供应商"]');
  await choose.locator('#f-choose-supplier').selectOption('s02');
  await choose.locator('#f-choose-reason').fill('价格最低，且可在24小时内完成迁移');
  await choose.locator('button[type=submit]').click();
  await tech.locator('.quotes', { hasText: '已选定' }).waitFor({ timeout: 10000 });
  assert.match(await step.innerText(), /s02 — 价格最低/);
  // The step is done, with the quotes' evidence.
  const done = tech.locator('ol.steps li.done', { hasText: '报价' });
  await done.waitFor({ timeout: 10000 });
  assert.match(await done.innerText(), /报价单 Q-2/);

  // G1: the plan page links each version's document, a PDF in the reader's language.
  await tech.goto(`${env.server.url}/#/plan`);
  const link = tech.locator('article.version[data-version="1"] a.document');
  await link.waitFor({ timeout: 10000 });
  const href = await link.getAttribute('href');
  assert.match(href, /\/api\/v1\/plan\/versions\/1\/document\.pdf\?lang=zh$/);
  const pdf = await tech.evaluate(async (url) => {
    const r = await fetch(url);
    const bytes = new Uint8Array(await r.arrayBuffer());
    return { status: r.status, type: r.headers.get('content-type'), head: String.fromCharCode(...bytes.slice(0, 5)) };
  }, href);
  assert.deepEqual(pdf, { status: 200, type: 'application/pdf', head: '%PDF-' });
});
