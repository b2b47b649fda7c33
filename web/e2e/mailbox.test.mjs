// Issue 19 §5 and §6 end to end: a server run with --mailbox delivers every message into its
// mailbox, each person reads theirs on the Mailbox page (an administrator anyone's of their
// party); a server with no channel says so once, plainly, and folds its message log below the
// timeline; on a phone the contact sheet is cards with tel: and mailto: links, and printed it fits
// one A4 page in English as in Chinese; a rule tag on the plan page says what it is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reportThroughForm, serverAndBrowser, shot, signedIn, startServer } from './harness.mjs';

const env = serverAndBrowser({ serve: ['--mailbox'] });
const PHONE = { width: 390, height: 844 };

/** The mailbox entry of incident `id`'s report, once it is delivered (the page reads it again). */
async function deliveredReport(page, id) {
  const mail = page.locator('li.mail[data-kind="report"]').filter({ hasText: id });
  for (let i = 0; i < 20; i++) {
    if ((await mail.count()) > 0 && /已送达|Delivered/.test(await mail.locator('.badge').innerText())) return mail;
    await page.waitForTimeout(250);
  }
  await page.reload();
  await mail.locator('.badge.met').waitFor({ timeout: 10000 });
  return mail;
}

test('--mailbox: each person reads what they would receive on the Mailbox page, delivered', async () => {
  const tech = await signedIn(env.browser, env.server.url, 'tech-a');
  await tech.locator('nav a[href="#/mailbox"]').waitFor();
  const id = await reportThroughForm(tech, { phenomenon: '订单系统无法访问（邮箱演示）' });

  // a-zhang, an emergency contact and A's administrator, got the report, delivered, not failed.
  const admin = await signedIn(env.browser, env.server.url, 'admin-a');
  await admin.click('nav a[href="#/mailbox"]');
  await admin.locator('main.mailbox h1').waitFor();
  assert.equal(await admin.locator('main.mailbox h1').innerText(), '邮箱（演示）');
  const mail = await deliveredReport(admin, id);
  assert.equal(await mail.locator('.badge').innerText(), '已送达');
  assert.equal(await admin.locator('main.mailbox').getByText('发送失败').count(), 0);
  await mail.locator('summary').click();
  const opened = await mail.innerText();
  assert.match(opened, /【应急上报】/);
  assert.match(opened, /张伟：/, 'addressed to them by name');
  assert.match(opened, /本应经由：邮件 → zhang\.wei@huadong-tech\.example\.cn/);
  assert.equal(await mail.locator(`a[href="#/incidents/${id}"]`).count(), 1);

  // The administrator reads anyone's of their own party, and only of it.
  const people = await admin.locator('#f-mailbox-person option').evaluateAll((os) => os.map((o) => o.value));
  assert.ok(people.includes('a-liu') && people.includes('a-li'), people.join());
  assert.ok(!people.some((p) => p.startsWith('b-')), `another party's people: ${people.join()}`);
  await admin.selectOption('#f-mailbox-person', 'a-liu');
  await admin.locator('main.mailbox h2').filter({ hasText: '刘洋' }).waitFor();
  await deliveredReport(admin, id);
  await admin.selectOption('#f-mailbox-person', 'a-zhang');
  await admin.locator('main.mailbox h2').filter({ hasText: '张伟' }).waitFor();
  await (await deliveredReport(admin, id)).locator('summary').click();
  await shot(admin, 'mailbox-zh');

  await admin.selectOption('header.top select', 'en');
  await admin.locator('main.mailbox h1').filter({ hasText: 'Mailbox (demo)' }).waitFor();
  assert.equal(await admin.locator('nav a[href="#/mailbox"]').innerText(), 'Mailbox');
  const en = await deliveredReport(admin, id);
  assert.equal(await en.locator('.badge').innerText(), 'Delivered');
  assert.match(await admin.locator('main.mailbox .notice-banner').innerText(), /none is actually sent/);
  await en.locator('details').evaluate((d) => {
    d.open = true;
  });
  await shot(admin, 'mailbox-en');
  await admin.selectOption('header.top select', 'zh-CN');

  // B's leader, no administrator, reads their own: no one else's to pick.
  const leaderB = await signedIn(env.browser, env.server.url, 'leader-b');
  await leaderB.click('nav a[href="#/mailbox"]');
  await deliveredReport(leaderB, id);
  assert.equal(await leaderB.locator('#f-mailbox-person').count(), 0);
  // The reporter is no emergency contact: the report is not in their mailbox.
  await tech.click('nav a[href="#/mailbox"]');
  await tech.locator('main.mailbox h2').waitFor();
  assert.equal(await tech.locator('li.mail[data-kind="report"]').filter({ hasText: id }).count(), 0);
});

test('no channel configured: the incident page says so once, plainly; the log is folded below', async () => {
  const plain = await startServer();
  try {
    const tech = await signedIn(env.browser, plain.url, 'tech-a');
    const id = await reportThroughForm(tech, { phenomenon: '订单系统无法访问（无渠道）' });
    assert.equal(await tech.locator('nav a[href="#/mailbox"]').count(), 0, 'no Mailbox without --mailbox');
    const notice = tech.locator('.incident-page .no-channel');
    await notice.waitFor();
    assert.equal(await notice.count(), 1);
    assert.equal(await notice.innerText(), '未配置通知渠道：消息不会发出。见 docs/operations.md');

    // The message log: folded, after the timeline; its messages were not sent, not "failed".
    const log = tech.locator('details.message-log');
    await log
      .locator('summary')
      .filter({ hasText: /通知记录（[1-9]\d* 条）/ })
      .waitFor({ timeout: 10000 });
    assert.equal(await log.getAttribute('open'), null, 'folded');
    const after = await tech.evaluate(() => {
      const timeline = document.querySelector('ol.timeline');
      const folded = document.querySelector('details.message-log');
      return !!(timeline.compareDocumentPosition(folded) & Node.DOCUMENT_POSITION_FOLLOWING);
    });
    assert.ok(after, 'below the timeline');
    await log.locator('summary').click();
    await log.locator('.badge').first().waitFor();
    assert.equal(await tech.getByText('发送失败').count(), 0, 'no wall of red');
    assert.ok((await log.locator('.badge', { hasText: '未发出' }).count()) > 0);

    await tech.selectOption('header.top select', 'en');
    await tech.locator('.no-channel', { hasText: 'No notification channel' }).waitFor();
    assert.equal(
      await notice.innerText(),
      'No notification channel is configured: messages will not go out. See docs/operations.md',
    );
    assert.equal(await tech.getByText('Failed', { exact: true }).count(), 0);
    await tech.selectOption('header.top select', 'zh-CN');
    assert.ok(id);
  } finally {
    plain.stop();
  }
});

test('on a phone the contact sheet is cards; numbers and addresses are tel: and mailto: links', async () => {
  for (const lang of ['zh-CN', 'en']) {
    const phone = await signedIn(env.browser, env.server.url, 'tech-a', { lang, viewport: PHONE });
    await phone.goto(`${env.server.url}/#/contacts`);
    const zhang = phone.locator('.sheet-party tr[data-contact="a-zhang"]');
    await zhang.waitFor();
    assert.equal(await phone.locator('.sheet-party thead').first().isVisible(), false, 'no table header');
    assert.equal(await zhang.evaluate((tr) => getComputedStyle(tr).display), 'block');
    const li = await phone.locator('.sheet-party tr[data-contact="a-li"]').boundingBox();
    const first = await zhang.boundingBox();
    assert.ok(li.y >= first.y + first.height - 1, 'cards stack');
    assert.ok(first.width <= PHONE.width, 'a card fits the screen');
    assert.ok((await phone.evaluate(() => document.documentElement.scrollWidth)) <= PHONE.width, 'no sideways scroll');
    // Each value under its label (the cell's data-label, shown before it).
    const work = zhang.locator(`td[data-label="${lang === 'en' ? 'Work phone' : '工作电话'}"]`);
    assert.notEqual(await work.evaluate((td) => getComputedStyle(td, '::before').content), 'none');
    assert.equal(await work.locator('a[href="tel:+862155550101"]').innerText(), '+86 21 5555 0101');
    assert.equal(await zhang.locator('a[href="tel:+8613800000101"]').innerText(), '+86 138 0000 0101');
    assert.equal(
      await zhang.locator('a[href="mailto:zhang.wei@huadong-tech.example.cn"]').innerText(),
      'zhang.wei@huadong-tech.example.cn',
    );
    await shot(phone.locator('section.sheet-party').first(), `contacts-phone-${lang === 'en' ? 'en' : 'zh'}`);
    await phone.context().close();
  }
  // On a desktop too, and on the suppliers' page of the sheet.
  const desk = await signedIn(env.browser, env.server.url, 'tech-a');
  await desk.goto(`${env.server.url}/#/contacts`);
  await desk.locator('.sheet-party a[href="tel:+861055550201"]').waitFor();
  await desk.locator('.sheet-suppliers a[href^="tel:+86"]').first().waitFor();
  assert.ok((await desk.locator('.sheet-suppliers a[href^="mailto:"]').count()) > 0);
});

test('printed, the contact sheet fits one A4 page in English as in Chinese; the suppliers follow', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pactum-sheet-'));
  try {
    for (const [lang, partyB, last] of [
      ['zh-CN', '乙方', '黄丽'],
      ['en', 'Party B', 'Huang Li'],
    ]) {
      const page = await signedIn(env.browser, env.server.url, 'tech-a', { lang });
      await page.goto(`${env.server.url}/#/contacts`);
      await page.locator('.sheet-suppliers tr[data-supplier="s10"]').waitFor();
      await page.emulateMedia({ media: 'print' });
      const file = join(dir, `contacts-${lang}.pdf`);
      writeFileSync(file, await page.pdf({ format: 'A4', printBackground: true }));
      const info = execFileSync('pdfinfo', [file]).toString();
      assert.match(info, /Page size:.*\(A4\)/);
      const pages = execFileSync('pdftotext', ['-layout', file, '-'])
        .toString()
        .split('\f')
        .filter((p) => p.trim());
      assert.equal(pages.length, 2, `${lang}: the people on one page, the suppliers on the next`);
      assert.equal(Number(info.match(/Pages:\s+(\d+)/)[1]), 2, lang);
      for (const s of [partyB, last, '+86 10 5555 0206', lang === 'en' ? 'Paper copy kept at' : '纸质版联络表存放于']) {
        assert.ok(pages[0].includes(s), `${lang}: the first page lacks ${s}`);
      }
      assert.match(pages[1], lang === 'en' ? /Backup suppliers/ : /备选供应商/);
      await page.context().close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a rule tag on the plan page says what it is on hover and on tap; units are words', async () => {
  const desk = await signedIn(env.browser, env.server.url, 'tech-a');
  await desk.click('nav a[href="#/plan"]');
  const tag = desk.locator('.rule-tag[data-rule="L4"]');
  await tag.waitFor();
  assert.equal(await tag.locator('.rule-explain').isVisible(), false);
  await tag.locator('button').hover();
  await tag.locator('.rule-explain').waitFor({ state: 'visible' });
  assert.equal(await tag.locator('.rule-explain').innerText(), 'L4：预案第 L4 条·调整级别');
  assert.equal(await tag.locator('button').getAttribute('title'), 'L4：预案第 L4 条·调整级别');
  assert.match(await desk.locator('main').innerText(), /持续4小时 → L2/);
  assert.match(await desk.locator('main').innerText(), /发现异常后2小时内/);

  const phone = await signedIn(env.browser, env.server.url, 'tech-a', { lang: 'en', viewport: PHONE });
  await phone.click('nav a[href="#/plan"]');
  const p1 = phone.locator('.rule-tag[data-rule="P1"]');
  await p1.waitFor();
  await p1.locator('button').click(); // a tap
  await p1.locator('.rule-explain').waitFor({ state: 'visible' });
  assert.equal(await p1.locator('.rule-explain').innerText(), 'P1: plan rule P1 · Report');
  const l4 = phone.locator('.rule-tag[data-rule="L4"]');
  await l4.locator('button').click();
  assert.equal(await l4.locator('.rule-explain').innerText(), 'L4: plan rule L4 · changing the level');
  assert.equal(await l4.getAttribute('class'), 'rule-tag open');
  const text = await phone.locator('main').innerText();
  assert.match(text, /for 4 hours → L2/);
  assert.match(text, /within 2 hours after discovery/);
  assert.doesNotMatch(text, /≥ 4h/);
});
