// End to end, issue 17 in two browsers (each its own profile, so its own IndexedDB): party A's
// leader and party B's leader each make an Ed25519 key in the browser and register it; A proposes
// version 2 on the plan page; B's leader sees the description, the changes and the diff and signs;
// A's leader signs; version 2 is then in force for both. A forged signature is refused, through
// the API (a 400 naming the signature) and on the page (the refusal in the user's language).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PASSWORD, lineOf, serverAndBrowser, shot, signedIn, testPlanText } from './harness.mjs';

const env = serverAndBrowser();

// The key this browser keeps for the signed-in user (keystore.ts), read inside the page.
function storedKey(page) {
  return page.evaluate(async () => {
    const me = (await (await fetch('/api/v1/me')).json()).user.id;
    const db = await new Promise((resolve, reject) => {
      const r = indexedDB.open('pactum-signing');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const key = await new Promise((resolve) => {
      const r = db.transaction('keys').objectStore('keys').get(me);
      r.onsuccess = () => resolve(r.result);
    });
    db.close();
    return {
      keyId: key.keyId,
      extractable: key.privateKey.extractable,
      type: key.privateKey.type,
      algorithm: key.privateKey.algorithm.name,
    };
  });
}

async function makeAndRegisterKey(page) {
  await page.goto(`${env.server.url}/#/keys`);
  await page.click('#make-key');
  await page.fill('#f-key-password', 'not-the-password');
  await page.click('form.register-key button[type=submit]');
  // The step-up password is checked: a wrong one is refused in the user's language.
  await page.waitForSelector('form.register-key .error:has-text("密码不正确")');
  await page.fill('#f-key-password', PASSWORD);
  await page.click('form.register-key button[type=submit]');
  await page.waitForSelector('.local-key .key-state:has-text("已登记")');
  const key = await storedKey(page);
  assert.equal(key.extractable, false, 'the private key cannot be exported');
  assert.equal(key.type, 'private');
  assert.equal(key.algorithm, 'Ed25519');
  return key.keyId;
}

test('G1 in two browsers: A proposes version 2, B sees the diff, both sign, version 2 is in force; a forged signature is refused', async () => {
  const a = await signedIn(env.browser, env.server.url, 'admin-a'); // a-zhang, party A's leader
  const b = await signedIn(env.browser, env.server.url, 'leader-b'); // b-wang, party B's leader

  // Each leader makes a key in their own browser and registers it; both see both keys.
  const aKey = await makeAndRegisterKey(a);
  const bKey = await makeAndRegisterKey(b);
  assert.notEqual(aKey, bKey);
  await b.locator(`table.keys tr[data-key="${aKey}"]`).waitFor();
  const bRow = b.locator(`table.keys tr[data-key="${bKey}"]`);
  assert.match(await bRow.innerText(), /leader-b/);
  assert.match(await bRow.locator('code.fingerprint').innerText(), /^([0-9a-f]{4} ){15}[0-9a-f]{4}$/);
  await shot(b, 'keys-zh');

  // A proposes version 2 on the plan page: the report deadline shortened from 2 h to 1 h.
  const yaml = testPlanText()
    .replace('version: 1', 'version: 2')
    .replace('report: {within: 2h, from: discovered}', 'report: {within: 1h, from: discovered}');
  await a.goto(`${env.server.url}/#/plan`);
  await a.click('details.propose summary');
  await a.fill('#f-propose-yaml', yaml);
  await a.fill('#f-propose-description', '发现异常后上报时限由2小时缩短为1小时');
  await a.click('form[aria-label="提出新版本"] button[type=submit]');
  await a.waitForSelector('article.version[data-version="2"][data-state="proposed"]');

  // B's leader sees the proposal: its description, the changed rule, the line diff, who is awaited.
  await b.goto(`${env.server.url}/#/plan`);
  const v2 = b.locator('article.version[data-version="2"]');
  await v2.waitFor();
  assert.equal(await v2.getAttribute('data-state'), 'proposed');
  assert.match(await v2.locator('.description').innerText(), /缩短为1小时/);
  assert.match(await v2.locator('pre.changes').innerText(), /process\.report\.within: "2h" → "1h"/);
  await v2.locator('pre.diff .add').first().waitFor();
  const diff = await v2.locator('pre.diff').innerText();
  const line = lineOf(yaml, 'report: {within: 1h, from: discovered}');
  assert.ok(diff.includes(`-${line}:   report: {within: 2h, from: discovered}`), diff);
  assert.ok(diff.includes(`+${line}:   report: {within: 1h, from: discovered}`), diff);
  assert.equal(await v2.locator('tr.awaiting').count(), 2);
  await shot(b.locator('section.versions'), 'plan-versions-zh');

  // B signs in their browser: the statement's bytes as served, signed with B's key.
  await v2.locator('button.sign-version').click();
  await v2.locator(`tr.signed[data-party="B"]:has-text("${bKey}")`).waitFor();
  assert.equal(await v2.getAttribute('data-state'), 'proposed', 'one party is not enough');

  // A forged signature through the API, from A's page: A's own key over other bytes.
  const forged = await a.evaluate(async (keyId) => {
    const me = await (await fetch('/api/v1/me')).json();
    const db = await new Promise((resolve) => {
      const r = indexedDB.open('pactum-signing');
      r.onsuccess = () => resolve(r.result);
    });
    const key = await new Promise((resolve) => {
      const r = db.transaction('keys').objectStore('keys').get(me.user.id);
      r.onsuccess = () => resolve(r.result);
    });
    db.close();
    const other = new TextEncoder().encode('pactum plan statement v1\nplan coop-emergency-plan\nversion 3\n');
    const sig = new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, key.privateKey, other));
    const response = await fetch('/api/v1/plan/versions/2/signatures', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf },
      body: JSON.stringify({ key_id: keyId, signature: btoa(String.fromCharCode(...sig)) }),
    });
    return { status: response.status, body: await response.json() };
  }, aKey);
  assert.equal(forged.status, 400);
  assert.equal(forged.body.error.field, 'signature');
  assert.match(forged.body.error.message, /not key k[0-9a-f]{16}'s Ed25519 signature/);

  // On the page: A's browser holds another private key under A's registered key id (as a
  // substituted key would); Sign is refused and the page says why, in English for this user.
  await a.selectOption('header.top select', 'en');
  const a2 = a.locator('article.version[data-version="2"]');
  await a2.locator('tr.signed[data-party="B"]').waitFor(); // B's signature arrived live
  await a.evaluate(async () => {
    const me = (await (await fetch('/api/v1/me')).json()).user.id;
    const other = await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify']);
    const db = await new Promise((resolve) => {
      const r = indexedDB.open('pactum-signing');
      r.onsuccess = () => resolve(r.result);
    });
    const store = () => db.transaction('keys', 'readwrite').objectStore('keys');
    const real = await new Promise((resolve) => {
      const r = store().get(me);
      r.onsuccess = () => resolve(r.result);
    });
    window.realKey = real;
    await new Promise((resolve) => {
      store().put({ ...real, privateKey: other.privateKey }).onsuccess = resolve;
    });
    db.close();
  });
  await shot(a.locator('section.versions'), 'plan-versions-en');
  await a2.locator('button.sign-version').click();
  const refusal = a2.locator('.sign .error');
  await refusal.waitFor();
  assert.match(
    await refusal.innerText(),
    /Refused: the signature is not this key's signature of the version's statement/,
  );
  assert.equal(await a2.getAttribute('data-state'), 'proposed', 'nothing was recorded');
  assert.equal(await a2.locator('tr.signed').count(), 1);

  // A's real key back in its place: A signs, and version 2 is in force for both.
  await a.evaluate(async () => {
    const db = await new Promise((resolve) => {
      const r = indexedDB.open('pactum-signing');
      r.onsuccess = () => resolve(r.result);
    });
    await new Promise((resolve) => {
      db.transaction('keys', 'readwrite').objectStore('keys').put(window.realKey).onsuccess = resolve;
    });
    db.close();
  });
  await a2.locator('button.sign-version').click();
  await a.waitForSelector('article.version[data-version="2"][data-state="in_force"]');
  await a.waitForSelector('article.version[data-version="1"][data-state="superseded"]');
  await a.waitForSelector('main h1 small:has-text("2")');
  await b.waitForSelector('article.version[data-version="2"][data-state="in_force"]');
  assert.equal(await b.locator('article.version[data-version="2"] tr.signed').count(), 2);
  assert.equal(await b.locator('article.version[data-version="2"] button.sign-version').count(), 0);
  const plan = await b.evaluate(async () => (await (await fetch('/api/v1/plan')).json()).version);
  assert.equal(plan, 2);
});

test('G3: a major change shows that the joint meeting is missing, and offers no Sign button', async () => {
  const a = await signedIn(env.browser, env.server.url, 'admin-a');
  const yaml = testPlanText().replace('version: 1', 'version: 3').replace('reserve: 5%', 'reserve: 6%');
  await a.goto(`${env.server.url}/#/plan`);
  await a.click('details.propose summary');
  await a.fill('#f-propose-yaml', yaml);
  await a.fill('#f-propose-description', '应急资金比例调整为6%');
  await a.click('form[aria-label="提出新版本"] button[type=submit]');
  const v3 = a.locator('article.version[data-version="3"][data-state="proposed"]');
  await v3.waitFor();
  assert.match(await v3.locator('.meeting-missing').innerText(), /fund\.reserve.*须先召开双方联合会议/s);
  assert.equal(await v3.locator('button.sign-version').count(), 0);
  // Proposed again with the same version: refused, in the user's language.
  await a.fill('#f-propose-yaml', yaml);
  await a.fill('#f-propose-description', '再次提出');
  await a.click('form[aria-label="提出新版本"] button[type=submit]');
  assert.match(await a.locator('details.propose .error').innerText(), /版本号须高于现有的所有版本/);
});

test('the keys page in English shows no Chinese of its own', async () => {
  const page = await signedIn(env.browser, env.server.url, 'tech-a', { lang: 'en' });
  await page.goto(`${env.server.url}/#/keys`);
  await page.selectOption('header.top select', 'en');
  await page.waitForSelector('.keys-page h1:has-text("My signing keys")');
  await page.waitForSelector('text=You are no signer');
  await page.waitForTimeout(300);
  const text = await page.locator('main').innerText();
  const cjk = text.match(/[\u4e00-\u9fff]+/g);
  assert.equal(cjk, null, `Chinese left on the keys page in English: ${cjk?.slice(0, 5).join(' ')}`);
  assert.equal(await page.locator('#make-key').count(), 0, 'no key for a person who does not sign');
});
