// Starts a real `pactum serve` (a fresh data directory, the example plan, users) and Debian's
// Chromium driven by playwright-core, for the end-to-end tests.
import { execFileSync, spawn } from 'node:child_process';
import { after, before } from 'node:test';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const BINARY = process.env.PACTUM_BINARY ?? '../build/debug/bin/pactum';
export const SOURCE = process.env.PACTUM_SOURCE_DIR ?? '..';
export const PASSWORD = 'e2e-password-123';
export const USERS = [
  ['admin-a', 'A', 'a-zhang', true],
  ['tech-a', 'A', 'a-li', false],
  ['leader-b', 'B', 'b-wang', false],
  ['comms-a', 'A', 'a-liu', false], // the communications lead of A (M1)
];

function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

// The example plan with an agreement that ends on 2099-12-31, not 2028-12-31: the server runs on
// the real clock, and after the example's term no incident could be reported (G4).
export function testPlanText() {
  const text = readFileSync(join(SOURCE, 'examples/cooperation-plan.yaml'), 'utf8');
  const ends = '  ends: 2028-12-31 ';
  if (!text.includes(ends)) throw new Error("the example plan's agreement.ends moved: update web/e2e/harness.mjs");
  return text.replace(ends, '  ends: 2099-12-31 ');
}

/** The 1-based line of the plan text on which `fragment` first stands. */
export function lineOf(text, fragment) {
  const at = text.indexOf(fragment);
  if (at < 0) throw new Error(`not in the plan: ${fragment}`);
  return text.slice(0, at).split('\n').length;
}

function testPlan(dir, edit) {
  const path = join(dir, 'test-plan.yaml');
  writeFileSync(path, edit(testPlanText()));
  return path;
}

/**
 * A server on a fresh data directory with USERS; `users` adds more (same shape), `plan` edits the
 * test plan's text before `pactum init`, `serve` adds arguments to `pactum serve` (`--mailbox`).
 */
export async function startServer({ users = [], plan = (text) => text, serve = [] } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'pactum-e2e-'));
  const data = join(dir, 'data');
  execFileSync(BINARY, ['init', '--data', data, '--plan', testPlan(dir, plan)]);
  for (const [id, party, contact, admin] of [...USERS, ...users]) {
    execFileSync(
      BINARY,
      ['user', 'add', id, '--data', data, '--party', party, '--contact', contact, ...(admin ? ['--admin'] : [])],
      { env: { ...process.env, PACTUM_PASSWORD: PASSWORD } },
    );
  }
  const port = await freePort();
  const proc = spawn(
    BINARY,
    ['serve', '--data', data, '--listen', `127.0.0.1:${port}`, '--dev-clock', '--log-level', 'warn', ...serve],
    { stdio: 'ignore' },
  );
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return {
    url,
    data,
    stop() {
      proc.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A signed-in page for `user` in its own browser context (its own cookies). */
export async function signedIn(browser, url, user, { lang = 'zh-CN', viewport } = {}) {
  const context = await browser.newContext({ locale: lang, viewport: viewport ?? { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.fill('#f-user', user);
  await page.fill('#f-password', PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForSelector('header.top nav');
  return page;
}

/** A new API token of `user` with `scopes` (comma-separated), made by `pactum token create`: its secret. */
export function createToken(server, user, name, scopes) {
  const out = execFileSync(BINARY, [
    'token',
    'create',
    '--data',
    server.data,
    '--user',
    user,
    '--name',
    name,
    '--scopes',
    scopes,
  ]);
  return out.toString().trim().split('\n').pop();
}

/**
 * Reports an incident through the report form as `page`'s user (trigger T1; condition
 * T1.outage unless null) and answers its id, once its page is open.
 */
export async function reportThroughForm(
  page,
  {
    phenomenon = '订单系统无法访问',
    scope = '全部线上订单',
    cause = '数据库主节点宕机',
    condition = 'T1.outage',
    exercise = false,
  } = {},
) {
  await page.click('nav a[href="#/report"]');
  await page.selectOption('#f-trigger', 'T1');
  if (condition) await page.selectOption('#f-condition', condition);
  await page.fill('#f-phenomenon', phenomenon);
  await page.fill('#f-scope', scope);
  await page.fill('#f-cause_guess', cause);
  if (exercise) await page.check('#f-exercise');
  await page.click('button[type=submit]');
  await page.waitForSelector('.incident-page h1');
  return (await page.textContent('.incident-page h1')).match(/(INC|EX)-\d{4}-\d{4}/)[0];
}

/** Assesses incident `id` as `page`'s user in the matrix: row 1 minor, row 2 moderate (× normal). */
export async function assessInMatrix(page, url, id, row) {
  await page.goto(`${url}/#/incidents/${id}`);
  await page.waitForSelector('table.matrix');
  await page.click(`table.matrix tbody tr:nth-child(${row}) td:nth-child(2) button`);
  await page.click('form[aria-label^="初步影响评估"] button[type=submit]');
  await page.waitForSelector('.incident-page h1 .level-tag');
}

/** A file's server and browser: started before its tests, stopped after them (options: startServer's). */
export function serverAndBrowser(options) {
  const env = { server: null, browser: null };
  before(async () => {
    env.server = await startServer(options);
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    env.server?.stop();
  });
  return env;
}

export const SHOTS = process.env.PACTUM_SCREENSHOTS; // a directory: save screenshots there

/** Saves a screenshot of a page (whole) or an element as $PACTUM_SCREENSHOTS/<name>.png, if set. */
export async function shot(target, name) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  const whole = typeof target.goto === 'function';
  await target.screenshot({ path: join(SHOTS, `${name}.png`), ...(whole ? { fullPage: true } : {}) });
}
