// Issue 19 §3 in the browser: the board orders open incidents by urgency and marks the one
// reported late (P1); the history page (V1, G5) finds a closed incident by text and by period,
// pages through the finished ones, and exports the same filters as CSV.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { serverAndBrowser, shot, signedIn } from './harness.mjs';

const env = serverAndBrowser();

/** Calls the API from `page`'s session (its cookie, its CSRF token); the parsed answer. */
async function call(page, method, path, body) {
  return page.evaluate(
    async ([method, path, body]) => {
      const me = await (await fetch('/api/v1/me')).json();
      const r = await fetch(path, {
        method,
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      const answer = await r.json();
      if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(answer)}`);
      return answer;
    },
    [method, path, body],
  );
}

/** Signed in, and the session is there (the header shows who it is). */
async function login(user) {
  const page = await signedIn(env.browser, env.server.url, user);
  await page.waitForSelector('header.top .me');
  return page;
}

const serverNow = async (page) => Date.parse((await call(page, 'GET', '/api/v1/incidents')).now);
const dayInShanghai = (ms) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(ms));

async function report(page, phenomenon, discoveredAgoMs = 10 * 60_000) {
  const discovered = new Date((await serverNow(page)) - discoveredAgoMs).toISOString();
  const body = { trigger: 'T1', phenomenon, scope: '全部线上订单', cause_guess: '未知', discovered_at: discovered };
  return (await call(page, 'POST', '/api/v1/incidents', { ...body, responsible_party: 'A' })).incident.id;
}

test('the board by urgency marks a late report; history finds, pages and exports', async () => {
  const { url } = env.server;
  let admin = await login('admin-a');
  let tech = await login('tech-a');
  const comms = await login('comms-a');
  const leaderB = await login('leader-b');
  const note = (text) => ({ evidence: [{ kind: 'note', text }] });

  // Day D: an L1 incident taken to close.
  const closedDay = dayInShanghai(await serverNow(admin));
  const closed = await report(tech, '光纤被挖断 Fiber cut at the data centre');
  const path = (p) => `/api/v1/incidents/${closed}/${p}`;
  await call(comms, 'POST', path('sync'), { note: '已在企业微信群同步' });
  await call(admin, 'POST', path('assess'), { impact: 'minor', urgency: 'normal' });
  await call(tech, 'POST', path('steps/L1.backup/complete'), note('已切换到测试环境'));
  await call(tech, 'POST', path('steps/L1.fix/complete'), {
    evidence: [{ kind: 'record', text: '修复工单', ref: 'CR-101' }],
  });
  await call(tech, 'POST', path('resolve'), { summary: '线路已修复' });
  await call(tech, 'POST', path('review'), {
    occurred_at: new Date(await serverNow(tech)).toISOString(),
    location: '上海机房',
    responsible: '甲方运维组',
    direct_cause: '施工挖断光纤',
    indirect_cause: '缺少线路标识',
    avoidability: 'partly',
    actions: [],
  });
  await call(leaderB, 'POST', path('review/approve'), { comment: '同意' });
  await call(admin, 'POST', path('close'), { summary: '确认关闭' });

  // Two days later: 21 false alarms, cancelled; one incident reported late, then one in time.
  await call(admin, 'POST', '/api/v1/dev/clock', { advance: '48h' });
  admin = await login('admin-a'); // the sessions expired meanwhile
  tech = await login('tech-a');
  for (let n = 1; n <= 21; n++) {
    const id = await report(tech, `误报 ${n}`);
    await call(admin, 'POST', `/api/v1/incidents/${id}/cancel`, { reason: '监控误报' });
  }
  const late = await report(tech, '支付接口超时（迟报）', 3 * 3_600_000);
  await call(admin, 'POST', '/api/v1/dev/clock', { advance: '2h' }); // its sync is now overdue
  const onTime = await report(tech, '对账文件延迟');

  // The board: the breached, late-reported incident first, badged; nothing finished on it.
  await admin.goto(`${url}/#/`);
  await admin.locator(`[data-incident="${onTime}"]`).waitFor({ timeout: 10000 });
  const order = await admin
    .locator('.board-urgent [data-incident]')
    .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-incident')));
  assert.deepEqual(order, [late, onTime]);
  const lateCard = admin.locator(`[data-incident="${late}"]`);
  assert.equal(await lateCard.locator('.late-badge').innerText(), '迟报');
  assert.match(await lateCard.locator('.worst-breach').innerText(), /1 项已超时.*超时最久.*P2/s);
  assert.equal(await admin.locator(`[data-incident="${onTime}"] .late-badge`).count(), 0);
  await shot(admin, 'board-urgency-zh');

  // History: the finished ones, 20 a page; next and previous.
  await admin.click('nav a[href="#/history"]');
  const rows = admin.locator('.history-table tbody tr');
  await rows.first().waitFor();
  assert.equal(await rows.count(), 20);
  await admin.click('.history-pager button:has-text("下一页")');
  await admin.waitForFunction(() => document.querySelectorAll('.history-table tbody tr').length === 2);
  assert.equal(await admin.locator(`.history-table tr[data-incident="${closed}"]`).count(), 1, 'the oldest last');
  await admin.click('.history-pager button:has-text("上一页")');
  await admin.waitForFunction(() => document.querySelectorAll('.history-table tbody tr').length === 20);

  // By text (case-insensitive, any language) …
  await admin.fill('#h-q', 'FIBER CUT');
  await admin.click('.history-filters button[type=submit]');
  await admin.waitForFunction(() => document.querySelectorAll('.history-table tbody tr').length === 1);
  assert.equal(await rows.first().getAttribute('data-incident'), closed);
  await shot(admin, 'history-zh');

  // … and the CSV of the same filters: a BOM, the header, the one row.
  const [download] = await Promise.all([admin.waitForEvent('download'), admin.click('a.history-csv')]);
  const csv = readFileSync(await download.path(), 'utf8');
  assert.ok(csv.startsWith('\uFEFFid,exercise,status,'), csv.slice(0, 40));
  const lines = csv.trim().split('\r\n');
  assert.equal(lines.length, 2, csv);
  assert.ok(lines[1].startsWith(`${closed},false,closed,L1,一般级,`), lines[1]);

  // By period: day D alone holds the closed incident.
  await admin.click('.history-filters button:has-text("清除条件")');
  await admin.waitForFunction(() => document.querySelectorAll('.history-table tbody tr').length === 20);
  await admin.fill('#h-from', closedDay);
  await admin.fill('#h-to', closedDay);
  await admin.click('.history-filters button[type=submit]');
  await admin.waitForFunction(() => document.querySelectorAll('.history-table tbody tr').length === 1);
  assert.equal(await rows.first().getAttribute('data-incident'), closed);

  // The closed incident's timeline in words, by name and role.
  await admin.click(`.history-table a:has-text("${closed}")`);
  const assessed = admin.locator('.timeline li[data-type="incident.assessed"]');
  await assessed.filter({ hasText: '张伟（甲方组长）' }).waitFor(); // once the accounts are loaded
  assert.match(await assessed.innerText(), /定级为 L1 一般级 — 张伟（甲方组长）/);
  const step = admin.locator('.timeline li[data-type="incident.step_completed"]').first();
  assert.match(await step.innerText(), /完成步骤：.* — 李娜（甲方技术负责人）/);

  // English.
  await admin.selectOption('header.top select', 'en');
  await admin.goto(`${url}/#/history`);
  await rows.first().waitFor();
  await shot(admin, 'history-en');
  await admin.goto(`${url}/#/`);
  await admin.locator(`[data-incident="${late}"] .late-badge:has-text("Reported late")`).waitFor();
  await shot(admin, 'board-urgency-en');
  await admin.selectOption('header.top select', 'zh-CN');
});
