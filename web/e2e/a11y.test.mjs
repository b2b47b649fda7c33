// Accessibility of every main page in both languages (issue 19 §7): axe-core (the npm package,
// injected into the page) finds no serious or critical violation; the English pages show no
// Chinese punctuation; each page's title follows the page and the language; the audit page calls
// the chain's entries records (记录), never incidents (事件). A failure names the rule, the page and
// the nodes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { PASSWORD, serverAndBrowser } from './harness.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const env = serverAndBrowser();

const PAGES = [
  '/',
  '/history',
  '/report',
  '/incidents/{incident}',
  '/plan',
  '/keys',
  '/contacts',
  '/programme',
  '/drills',
  '/trainings',
  '/meetings',
  '/fund',
  '/suppliers',
  '/backups',
  '/silences',
  '/audit',
];
const LOADING = ['加载中…', 'Loading…'];
const CHINESE_PUNCTUATION = /[（）：，、。；！？「」《》【】]/g;

/** A browser context in `lang` whose pages carry axe (an init script: the app's CSP allows no other). */
async function context(lang) {
  const c = await env.browser.newContext({ locale: lang, viewport: { width: 1280, height: 900 } });
  await c.addInitScript({ path: AXE });
  return c;
}

/** The page's serious and critical violations, one line each with its nodes (every form shown). */
async function violations(page) {
  await page.evaluate(() => {
    for (const d of document.querySelectorAll('details')) d.open = true;
  });
  const result = await page.evaluate(() =>
    window.axe.run(document, {
      resultTypes: ['violations'],
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    }),
  );
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n${v.nodes
          .slice(0, 5)
          .map((n) => `    ${n.target.join(' ')}  ${n.html.slice(0, 160)}`)
          .join('\n')}`,
    );
}

/** Waits until the page's heading is there and nothing says it is still loading. */
async function settled(page) {
  await page.waitForSelector('main h1');
  await page.waitForFunction((loading) => !loading.some((l) => document.body.innerText.includes(l)), LOADING, {
    timeout: 10000,
  });
  await page.waitForTimeout(150);
}

async function signIn(page, user) {
  await page.goto(env.server.url);
  await page.fill('#f-user', user);
  await page.fill('#f-password', PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForSelector('header.top .me'); // signed in: the header names who
}

/** An incident to show, assessed (in words without Chinese punctuation: the check is of the app's own). */
async function reportIncident(page) {
  await page.goto(`${env.server.url}/#/report`);
  await page.selectOption('#f-trigger', 'T1');
  await page.selectOption('#f-condition', 'T1.outage');
  await page.fill('#f-phenomenon', 'Orders cannot be placed');
  await page.fill('#f-scope', 'All online orders');
  await page.fill('#f-cause_guess', 'Database primary down');
  await page.click('button[type=submit]');
  await page.waitForSelector('.incident-page h1');
  const id = (await page.textContent('.incident-page h1')).match(/INC-\d{4}-\d{4}/)[0];
  // Assessed, so the page also shows the level's steps with their evidence and waive forms.
  await page.click('table.matrix tbody tr:nth-child(2) td:nth-child(2) button');
  await page.click('form:has(table.matrix) button[type=submit]');
  await page.waitForSelector('ol.steps details');
  return id;
}

let incident = null;

for (const lang of ['zh-CN', 'en']) {
  test(`every main page in ${lang}: no serious or critical axe violation, its own title`, async () => {
    const c = await context(lang);
    const page = await c.newPage();
    const problems = [];
    const titles = new Set();

    await page.goto(env.server.url);
    await page.waitForSelector('#f-user');
    await settled(page);
    for (const v of await violations(page)) problems.push(`sign-in: ${v}`);
    titles.add(await page.title());

    await signIn(page, 'admin-a');
    incident ??= await reportIncident(page);
    for (const path of PAGES) {
      const route = path.replace('{incident}', incident);
      await page.goto(`${env.server.url}/#${route}`);
      await settled(page);
      for (const v of await violations(page)) problems.push(`${route}: ${v}`);
      const title = await page.title();
      assert.ok(!titles.has(title), `${route} has the title of another page: ${title}`);
      titles.add(title);
      if (lang === 'en') {
        const marks = (await page.locator('body').innerText()).match(CHINESE_PUNCTUATION);
        assert.equal(marks, null, `Chinese punctuation on ${route} in English: ${marks?.join(' ')}`);
        assert.doesNotMatch(title, /[\u4e00-\u9fff]/, `the English title of ${route} is Chinese: ${title}`);
      } else {
        assert.match(title, /[\u4e00-\u9fff]/, `the Chinese title of ${route} is not Chinese: ${title}`);
      }
      if (route === '/audit' && lang === 'zh-CN') {
        const text = await page.locator('main').innerText();
        assert.ok(!text.includes('事件'), `the audit page calls records 事件: ${text.slice(0, 200)}`);
      }
    }
    await c.close();
    assert.deepEqual(problems, [], `axe found:\n${problems.join('\n')}`);
  });
}

/** Waits for the focus to be on the page's h1 saying `heading`; a failure says where the focus is. */
async function headingFocused(page, heading) {
  try {
    await page.waitForFunction(
      (text) => document.activeElement?.tagName === 'H1' && document.activeElement.textContent === text,
      heading,
      { timeout: 10000 },
    );
  } catch {
    const where = await page.evaluate(() => ({
      hash: location.hash,
      active: document.activeElement?.outerHTML.slice(0, 120),
      heading: document.querySelector('main h1')?.outerHTML.slice(0, 120),
    }));
    assert.fail(`the focus is not on the heading "${heading}": ${JSON.stringify(where)}`);
  }
}

test('navigation moves the focus to the page heading; the skip button does too', async () => {
  const c = await context('en');
  const page = await c.newPage();
  await signIn(page, 'tech-a');
  await page.click('nav a[href="#/plan"]');
  await page.waitForSelector('main h1');
  await headingFocused(page, await page.textContent('main h1'));
  await page.click('nav a[href="#/audit"]');
  await headingFocused(page, 'Audit');
  await page.focus('.skip-link');
  await page.keyboard.press('Enter');
  await headingFocused(page, 'Audit');
  await c.close();
});
