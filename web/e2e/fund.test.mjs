// The emergency fund end to end (issue 16, F1–F4): the finance lead sees the shortfall below the
// floor and deposits; a member requests a disbursement; paying it before the approvals and the
// review is refused with a visible error; three distinct members of the group approve it, each
// in their own session; the finance lead, who did not approve, reviews it; it is recorded as paid
// and the balance drops by its amount. F3: a bank statement that differs is flagged until an
// adjustment with its reason makes it up. In English the page speaks English.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PASSWORD, serverAndBrowser, shot, signedIn } from './harness.mjs';

// a-wang is party A's finance lead (fund.disbursement.review_by; permissions.pay_disbursement).
const env = serverAndBrowser({ users: [['finance-a', 'A', 'a-wang', false]] });

const figure = (page, name) => page.locator(`.fund-standing [data-figure="${name}"]`);

/** Opens the form behind `summary` (some open by themselves while there is nothing recorded). */
async function openForm(page, summary) {
  const details = page.locator('details', { has: page.locator(`summary:text-is("${summary}")`) });
  if (!(await details.evaluate((el) => el.open))) await details.locator('summary').click();
}

async function fundPage(user) {
  const page = await signedIn(env.browser, env.server.url, user);
  await page.click('nav a[href="#/fund"]');
  await page.waitForSelector('main.fund h1');
  return page;
}

test('F4: three members approve in their own sessions, the finance lead reviews, then it is paid', async () => {
  // F1: nothing deposited yet: 5 % of CNY 20,000,000 is the floor, all of it missing.
  const finance = await fundPage('finance-a');
  const shortfall = finance.locator('.fund-standing .shortfall');
  await shortfall.waitFor();
  assert.match(await shortfall.innerText(), /应急资金低于最低额度，缺口 ¥1,000,000\.00/);
  assert.equal(await figure(finance, 'floor').innerText(), '¥1,000,000.00');
  assert.equal(await figure(finance, 'currency').innerText(), 'CNY');

  // F2: a deposit typed in yuan; a typo is named at its field before anything is sent.
  await openForm(finance, '登记存入或调整');
  const deposit = finance.locator('form[aria-label="登记存入或调整"]');
  await deposit.locator('#f-amount').fill('1000000.005');
  await deposit.locator('#f-counterparty').fill('甲方：华东示例科技有限公司');
  await deposit.locator('#f-reference').fill('BANK-2026-0001');
  await deposit.locator('#f-purpose').fill('按合作总额5%储备应急资金');
  await deposit.locator('button[type=submit]').click();
  await deposit.locator('#f-amount-error').waitFor();
  assert.match(await deposit.locator('#f-amount-error').innerText(), /最多两位小数/);
  await deposit.locator('#f-amount').fill('1,000,000.00');
  await deposit.locator('button[type=submit]').click();
  await finance.locator('tr.movement[data-reference="BANK-2026-0001"]').waitFor();
  await figure(finance, 'balance').filter({ hasText: '¥1,000,000.00' }).waitFor();
  assert.equal(await shortfall.count(), 0, 'at the floor: no shortfall');
  assert.equal(await figure(finance, 'shortfall').innerText(), '¥0.00');

  // A member of the group asks for money (the technical lead of A).
  const tech = await fundPage('tech-a');
  await openForm(tech, '申请使用资金');
  const ask = tech.locator('form[aria-label="申请使用资金"]');
  await ask.locator('#f-request-amount').fill('50000.50');
  await ask.locator('#f-request-purpose').fill('租用备用云服务器，恢复订单系统');
  await ask.locator('button[type=submit]').click();
  await ask.locator('output a').waitFor();
  const id = await ask.locator('output a').innerText();
  assert.match(id, /^FD-\d{4}$/);
  const card = (page) => page.locator(`article.disbursement#${id}`);
  await card(tech).waitFor();
  assert.match(await card(tech).innerText(), /¥50,000\.50[\s\S]*签字中[\s\S]*成员签字\s*0\/3/);

  // Paying before the approvals and the review is refused, visibly, and no money moves.
  await finance.reload();
  const pay = card(finance).locator(`form[aria-label="登记支付 ${id}"]`);
  await pay.waitFor();
  await pay.locator(`#f-reference-${id}`).fill('PAY-EARLY');
  await pay.locator('button[type=submit]').click();
  const refused = pay.locator('.error[role=alert]');
  await refused.waitFor();
  assert.match(await refused.innerText(), /尚不能支付：已有 0 人签字，需 3 人/);
  assert.equal(await figure(finance, 'balance').innerText(), '¥1,000,000.00');

  // Three distinct members of the group approve, each signed in as themselves. B's leader, a plan
  // signer, keeps a registered signing key in this browser: their approval is signed with it.
  const approvers = [
    ['admin-a', '张伟'],
    ['tech-a', '李娜'],
    ['leader-b', '王强'],
  ];
  for (const [n, [user, name]] of approvers.entries()) {
    const page = user === 'tech-a' ? tech : await fundPage(user);
    if (user === 'leader-b') {
      await page.goto(`${env.server.url}/#/keys`);
      await page.click('#make-key');
      await page.fill('#f-key-password', PASSWORD);
      await page.click('form.register-key button[type=submit]');
      await page.waitForSelector('.local-key .key-state:has-text("已登记")');
      await page.goto(`${env.server.url}/#/fund`);
    }
    await page.reload();
    const button = card(page).locator(`form[aria-label="签字同意 ${id}"] button`);
    await button.click();
    await card(page)
      .locator(`.approvals[data-approvals="${n + 1}"]`)
      .waitFor();
    assert.match(await card(page).locator('.approvals').innerText(), new RegExp(`${n + 1}/3 · .*${name}`));
    assert.equal(await card(page).locator(`form[aria-label="签字同意 ${id}"]`).count(), 0, 'one signature each');
    if (user === 'leader-b') {
      assert.equal(
        await card(page).locator(`form[aria-label="财务复核 ${id}"]`).count(),
        0,
        'a leader does not review',
      );
      assert.match(await card(page).locator('.approvals').innerText(), /王强（已电子签名）/);
      const list = await page.evaluate(
        async () => (await (await fetch('/api/v1/fund/disbursements')).json()).disbursements,
      );
      const signatures = list.find((d) => d.id === id).approval_signatures;
      assert.deepEqual(
        signatures.map((a) => [a.by, a.signed]),
        [
          ['a-zhang', false],
          ['a-li', false],
          ['b-wang', true],
        ],
      );
    }
  }
  await card(tech).locator('.badge', { hasText: '签字已齐，待财务复核' }).waitFor();

  // The finance lead, who did not approve, reviews it (the page follows the approvals live).
  const review = card(finance).locator(`form[aria-label="财务复核 ${id}"]`);
  await review.waitFor();
  await shot(finance, 'fund-review-zh');
  await review.locator(`#f-reason-${id}`).fill('用途符合预案，金额在储备范围内');
  await review.locator('button[type=submit]').click();
  await card(finance).locator('.badge', { hasText: '已复核，待支付' }).waitFor();
  assert.match(await card(finance).locator('.review').innerText(), /复核通过 · 王芳/);

  // Now it is paid, and the balance drops by exactly its amount.
  await pay.locator(`#f-reference-${id}`).fill('PAY-2026-0001');
  await pay.locator('button[type=submit]').click();
  await card(finance).locator('.badge', { hasText: '已支付' }).waitFor();
  await figure(finance, 'balance').filter({ hasText: '¥949,999.50' }).waitFor();
  assert.equal(await figure(finance, 'balance').getAttribute('data-fen'), String(100000000 - 5000050));
  const out = finance.locator('tr.movement.kind-disbursement');
  assert.match(await out.innerText(), new RegExp(`-¥50,000\\.50[\\s\\S]*${id}[\\s\\S]*PAY-2026-0001`));
  // F1: the fund held exactly its floor, so the shortfall is now what was paid out.
  assert.match(await shortfall.innerText(), /缺口 ¥50,000\.50/);
  assert.equal(await pay.count(), 0, 'paid once');
});

test('F3: a statement that differs is flagged until an adjustment with its reason makes it up', async () => {
  const finance = await fundPage('finance-a');
  const balance = Number(await figure(finance, 'balance').getAttribute('data-fen'));
  const form = finance.locator('form[aria-label="记录盘点"]');
  await form.locator('#f-statement_balance').fill(yuan(balance + 12050)); // the bank paid interest
  await form.locator('#f-statement_date').fill(new Date().toISOString().slice(0, 10));
  await form.locator('button[type=submit]').click();
  const flag = finance.locator('.reconciliation .flag');
  await flag.waitFor();
  assert.match(await flag.innerText(), /对账单与账面不符：尚有 ¥120\.50 待调整/);

  await openForm(finance, '登记存入或调整');
  const adjust = finance.locator('form[aria-label="登记存入或调整"]');
  await adjust.locator('#f-kind').selectOption('adjustment');
  await adjust.locator('#f-amount').fill('120.50');
  await adjust.locator('#f-reference').fill('INTEREST-2026-H2');
  await adjust.locator('#f-purpose').fill('银行结息，补记入账');
  await adjust.locator('button[type=submit]').click();
  await finance.locator('.reconciliation .ok').waitFor();
  assert.equal(await flag.count(), 0);
  await shot(finance, 'fund-zh');

  // In English the page speaks English: nothing Chinese but what people typed.
  await finance.selectOption('header.top select', 'en');
  await finance.locator('main.fund h1', { hasText: 'Emergency fund' }).waitFor();
  let text = await finance.locator('main.fund').innerText();
  for (const typed of [
    /租用备用云服务器，恢复订单系统/g,
    /用途符合预案，金额在储备范围内/g,
    /甲方：华东示例科技有限公司/g,
    /按合作总额5%储备应急资金/g,
    /银行结息，补记入账/g,
  ])
    text = text.replace(typed, '');
  assert.equal(text.match(/[\u4e00-\u9fff]+/g), null, 'Chinese left on the fund page in English');
  await shot(finance, 'fund-en');
  await finance.selectOption('header.top select', 'zh-CN');
});

/** Fen as yuan typed into a form: 120012050 → "1200120.50". */
function yuan(fen) {
  const s = String(fen).padStart(3, '0');
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
}
