// End to end, G1's key backup in Chromium: party A's leader makes a key with a passphrase-encrypted
// backup (downloaded as a small JSON file) and registers it; the browser's IndexedDB is cleared;
// the backup is imported (a wrong passphrase refused in the user's language first), kept
// non-extractable, and signs plan version 1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { PASSWORD, serverAndBrowser, shot, signedIn } from './harness.mjs';

const env = serverAndBrowser();
const PASSPHRASE = '备份口令 correct horse battery';

// The key this browser keeps for the signed-in user (keystore.ts), read inside the page; null if none.
function storedKey(page) {
  return page.evaluate(async () => {
    const me = (await (await fetch('/api/v1/me')).json()).user.id;
    const db = await new Promise((resolve, reject) => {
      const r = indexedDB.open('pactum-signing');
      r.onupgradeneeded = () => r.result.createObjectStore('keys', { keyPath: 'user' });
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const key = await new Promise((resolve) => {
      const r = db.transaction('keys').objectStore('keys').get(me);
      r.onsuccess = () => resolve(r.result);
    });
    db.close();
    return key ? { keyId: key.keyId, extractable: key.privateKey.extractable, type: key.privateKey.type } : null;
  });
}

test('G1: a key made with a backup, IndexedDB cleared, the backup imported, and a plan version signed with it', async () => {
  const a = await signedIn(env.browser, env.server.url, 'admin-a'); // a-zhang, party A's leader
  await a.goto(`${env.server.url}/#/keys`);
  await a.check('#f-backup');
  await a.fill('#f-backup-passphrase', PASSPHRASE);
  await a.fill('#f-backup-passphrase-again', `${PASSPHRASE}!`);
  await a.click('#make-key');
  await a.waitForSelector('form.make-key .error:has-text("两次输入的备份口令不一致")');
  assert.equal(await storedKey(a), null, 'no key made');

  await a.fill('#f-backup-passphrase-again', PASSPHRASE);
  const downloaded = a.waitForEvent('download');
  await a.click('#make-key');
  const download = await downloaded;
  const file = await download.path();
  const backup = JSON.parse(readFileSync(file, 'utf8'));
  assert.equal(backup.format, 'pactum-signing-key-backup');
  assert.equal(backup.version, 1);
  assert.deepEqual(Object.keys(backup.kdf).sort(), ['hash', 'iterations', 'name', 'salt']);
  assert.ok(backup.kdf.iterations >= 600000, `${backup.kdf.iterations} iterations`);
  assert.equal(backup.cipher.name, 'AES-GCM');
  assert.ok(backup.ciphertext.length > 40 && backup.cipher.iv && backup.public_key);
  assert.equal(download.suggestedFilename(), `pactum-signing-key-admin-a-${backup.key_id}.json`);
  await a.waitForSelector('.backup-saved a#backup-download');
  const made = await storedKey(a);
  assert.equal(made.keyId, backup.key_id);
  assert.equal(made.extractable, false, 'the key kept is non-extractable, backup or not');

  await a.fill('#f-key-password', PASSWORD);
  await a.click('form.register-key button[type=submit]');
  await a.waitForSelector('.local-key .key-state:has-text("已登记")');

  // The browser's data cleared: the key is gone from this browser.
  await a.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const r = indexedDB.deleteDatabase('pactum-signing');
        r.onsuccess = resolve;
        r.onerror = () => reject(r.error);
      }),
  );
  await a.reload();
  await a.waitForSelector('text=本浏览器中还没有你的签名密钥。');
  assert.equal(await storedKey(a), null);

  // The backup imported: a wrong passphrase is refused, the right one restores the key.
  await a.click('details.import-backup summary');
  await a.setInputFiles('#f-backup-file', file);
  await a.fill('#f-import-passphrase', 'not the passphrase at all');
  await a.click('details.import-backup button[type=submit]');
  await a.waitForSelector('details.import-backup .error:has-text("口令不正确，无法解密备份文件")');
  assert.equal(await storedKey(a), null, 'nothing imported');
  await shot(a, 'keys-import-zh');
  await a.fill('#f-import-passphrase', PASSPHRASE);
  await a.click('details.import-backup button[type=submit]');
  await a.waitForSelector('.local-key .key-state:has-text("已登记")');
  const imported = await storedKey(a);
  assert.equal(imported.keyId, backup.key_id);
  assert.equal(imported.extractable, false, 'imported non-extractable');
  assert.equal(imported.type, 'private');

  // It signs: version 1, in force since init, gets party A's signature with this key.
  await a.goto(`${env.server.url}/#/plan`);
  const v1 = a.locator('article.version[data-version="1"]');
  await v1.locator('button.sign-version').click();
  await v1.locator(`tr.signed[data-party="A"]:has-text("${backup.key_id}")`).waitFor();
  const version = await a.evaluate(async () => await (await fetch('/api/v1/plan/versions/1')).json());
  assert.deepEqual(
    version.signatures.map((s) => [s.party, s.key_id]),
    [['A', backup.key_id]],
  );
});

test('G1: the import form in English names a wrong passphrase in English', async () => {
  const b = await signedIn(env.browser, env.server.url, 'leader-b', { lang: 'en' });
  await b.goto(`${env.server.url}/#/keys`);
  await b.selectOption('header.top select', 'en');
  await b.check('#f-backup');
  await b.fill('#f-backup-passphrase', PASSPHRASE);
  await b.fill('#f-backup-passphrase-again', PASSPHRASE);
  const downloaded = b.waitForEvent('download');
  await b.click('#make-key');
  const file = await (await downloaded).path();
  await b.fill('#f-key-password', PASSWORD);
  await b.click('form.register-key button[type=submit]');
  await b.waitForSelector('.local-key .key-state:has-text("Registered")');
  await b.evaluate(
    () =>
      new Promise((resolve) => {
        indexedDB.deleteDatabase('pactum-signing').onsuccess = resolve;
      }),
  );
  await b.reload();
  await b.click('details.import-backup summary');
  await b.setInputFiles('#f-backup-file', file);
  await b.fill('#f-import-passphrase', 'wrong passphrase');
  await b.click('details.import-backup button[type=submit]');
  await b.waitForSelector(
    'details.import-backup .error:has-text("The passphrase is wrong: the backup file cannot be decrypted.")',
  );
  assert.equal(await storedKey(b), null);
});
