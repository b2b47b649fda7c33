// The suppliers and backups pages end to end (issue 16, S1, S2, B1–B3), in both languages: the
// plan's register with contact, scope and price, an integration test recorded by the technical
// lead meeting part of the year's S2 duty, and the register printed on the contact sheet's second
// page; a backup job reporting with the very curl line the backups page shows, the day's B1 met
// at that location, restore tests with their success rate; and the S1 warning on the programme
// page when the plan requires more suppliers than its register lists.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createToken, serverAndBrowser, shot, signedIn, startServer } from './harness.mjs';

const env = serverAndBrowser();

/** The page's text in English with what people typed taken out: nothing Chinese may be left. */
async function chineseLeft(page, selector, typed) {
  let text = await page.locator(selector).innerText();
  for (const t of typed) text = text.split(t).join('');
  return text.match(/[\u4e00-\u9fff]+/g);
}

/** The day now in the plan's zone (Asia/Shanghai, UTC+8 all year). */
function today() {
  return new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

test("S1 and S2: the register with contact, scope and price; an integration test; the contact sheet's page 2", async () => {
  const tech = await signedIn(env.browser, env.server.url, 'tech-a'); // a-li, technical lead of A
  await tech.click('nav a[href="#/suppliers"]');
  const s02 = tech.locator('table.suppliers tr[data-supplier="s02"]');
  await s02.waitFor();
  assert.equal(await tech.locator('table.suppliers tbody tr').count(), 10);
  assert.match(
    await s02.innerText(),
    /磐石示例数据恢复有限公司\s+林晓\s+\+86 21 5555 0302\s+lin\.xiao@panshi\.example\.cn\s+数据恢复与灾备服务\s+单次恢复2万-8万元/,
  );
  assert.equal(await tech.locator('.s1-warning').count(), 0, 'ten listed, ten required');

  const form = tech.locator('form[aria-label="记录对接测试"]');
  await form.locator('#f-supplier').selectOption('s02');
  await form.locator('#f-scope').fill('数据库全量恢复演练');
  await form.locator('#f-evidence').fill('对接测试报告 2026-12');
  await form.locator('button[type=submit]').click();
  const recorded = form.locator('output a');
  await recorded.waitFor();
  const id = await recorded.innerText();
  assert.match(id, /^ST-\d{4}-0001$/);
  const row = tech.locator(`tr[data-test="${id}"]`);
  await row.waitFor();
  assert.match(await row.innerText(), /磐石示例数据恢复有限公司\s+数据库全量恢复演练\s+通过\s+对接测试报告 2026-12/);
  await tech.locator('[data-duty="S2"]', { hasText: '1/2' }).waitFor();
  await shot(tech, 'suppliers-zh');

  await tech.selectOption('header.top select', 'en');
  await s02.filter({ hasText: 'Panshi Example Data Recovery Co., Ltd.' }).waitFor();
  assert.match(
    await s02.innerText(),
    /Lin Xiao.*Data recovery and disaster-recovery services.*CNY 20,000–80,000 per recovery/s,
  );
  assert.match(await row.innerText(), /Passed/);
  assert.equal(await chineseLeft(tech, 'main', ['数据库全量恢复演练', '对接测试报告 2026-12']), null);
  await shot(tech, 'suppliers-en');
  await tech.selectOption('header.top select', 'zh-CN');

  // The contact sheet prints the register on a page of its own, after the people.
  await tech.click('nav a[href="#/contacts"]');
  await tech.locator('.sheet-suppliers tr[data-supplier="s10"]').waitFor();
  await tech.emulateMedia({ media: 'print' });
  const dir = mkdtempSync(join(tmpdir(), 'pactum-sheet-'));
  const file = join(dir, 'contacts.pdf');
  writeFileSync(file, await tech.pdf({ format: 'A4', printBackground: true }));
  const pages = execFileSync('pdftotext', ['-layout', file, '-']).toString().split('\f');
  rmSync(dir, { recursive: true, force: true });
  assert.match(pages[0], /应急联络表/);
  assert.doesNotMatch(pages[0], /备选供应商|磐石示例数据恢复有限公司/);
  const last = pages.filter((p) => p.trim()).pop();
  for (const s of ['备选供应商（第二页）', '磐石示例数据恢复有限公司', '+86 21 5555 0302', '单次恢复2万-8万元']) {
    assert.ok(last.includes(s), `the suppliers' page lacks ${s}`);
  }
  await tech.emulateMedia({ media: 'screen' });
});

test("B1–B3: a job reports with the page's curl line, the day is met; restore tests and their rate", async () => {
  const tech = await signedIn(env.browser, env.server.url, 'tech-a');
  await tech.click('nav a[href="#/backups"]');
  const local = tech.locator('table.locations tr[data-location="local"]');
  await local.waitFor();
  assert.match(await local.innerText(), /本地备份机房（物理隔离）\s+本地\s+已隔离\s+从未成功/);
  assert.match(await tech.locator('table.locations tr[data-location="cloud"]').innerText(), /云端\s+已隔离/);
  assert.equal(await local.locator(`li[data-day="${today()}"] .badge`).getAttribute('title'), '待完成');

  // The backup job: a token of the backups scope and the curl line as the page shows it.
  await tech.click('details.curl summary');
  const line = await tech.locator('details.curl pre').innerText();
  assert.match(line, new RegExp(`${env.server.url}/api/v1/backups/runs$`));
  const token = createToken(env.server, 'tech-a', 'backup-job', 'backups');
  const dir = mkdtempSync(join(tmpdir(), 'pactum-backup-'));
  const artefact = join(dir, 'pactum.db');
  writeFileSync(artefact, 'a backup artefact');
  const start = new Date(Date.now() - 60000).toISOString().replace(/\.\d+Z$/, 'Z');
  const answer = execFileSync('bash', ['-c', line], {
    env: { ...process.env, PACTUM_TOKEN: token, START: start, ARTEFACT: artefact },
  });
  rmSync(dir, { recursive: true, force: true });
  assert.match(answer.toString(), /"id":"BR-\d{4}-0001"/);

  await tech.reload();
  await local.locator(`li[data-day="${today()}"][data-state="met"]`).waitFor();
  assert.doesNotMatch(await local.innerText(), /从未成功/);
  assert.match(
    await tech.locator('table.runs tbody tr').first().innerText(),
    /本地备份机房（物理隔离）[\s\S]*17 B[\s\S]*成功/,
  );

  // B2: restore tests, one failed: the month's rate is 50 %.
  const form = tech.locator('form[aria-label="记录恢复测试"]');
  const restore = async (location, duration, result) => {
    await form.locator('#f-dataset').fill('pactum');
    await form.locator('#f-location').selectOption(location);
    await form.locator('#f-duration').fill(duration);
    await form.locator('#f-result').selectOption(result);
    await form.locator('button[type=submit]').click();
  };
  await restore('cloud', '20m', 'success');
  await tech.locator('table.restores tbody tr').first().waitFor();
  await restore('local', '1h', 'failure');
  await tech.locator('table.restores tbody tr').nth(1).waitFor();
  const month = tech.locator('table.rates[data-rates="months"] tbody tr').first();
  await month.filter({ hasText: '50 %' }).waitFor();
  assert.match(await month.innerText(), /2\s+1\s+50 %/);
  assert.match(await tech.locator('table.rates[data-rates="years"] tbody tr').first().innerText(), /2\s+1\s+50 %/);
  assert.match(await tech.locator('[data-duty="B2"]').innerText(), /已完成/);
  await shot(tech, 'backups-zh');

  await tech.selectOption('header.top select', 'en');
  await local.filter({ hasText: 'Local backup room (physically isolated)' }).waitFor();
  assert.match(await local.innerText(), /Local\s+Isolated/);
  assert.equal(await chineseLeft(tech, 'main', []), null);
  await shot(tech, 'backups-en');
  await tech.selectOption('header.top select', 'zh-CN');
});

test('S1: the programme page warns when the register lists fewer suppliers than the plan requires', async () => {
  const server = await startServer({ plan: (text) => text.replace('  required: 10 ', '  required: 12 ') });
  try {
    const page = await signedIn(env.browser, server.url, 'admin-a');
    await page.click('nav a[href="#/programme"]');
    const warning = page.locator('.s1-warning');
    await warning.waitFor();
    assert.equal(await warning.getAttribute('data-listed'), '10');
    assert.equal(await warning.getAttribute('data-required'), '12');
    assert.match(await warning.innerText(), /备选供应商不足（S1）/);
    await page.selectOption('header.top select', 'en');
    await warning.filter({ hasText: 'Too few backup suppliers (S1)' }).waitFor();
    await page.click('.s1-warning a');
    await page.locator('main.suppliers-page .s1-warning').waitFor();
    await page.context().close();
  } finally {
    server.stop();
  }
});
