// L4 end to end: the technical lead completes a step with a file — chosen in the step form's
// picker (Playwright's setInputFiles, as a phone's camera or file chooser would hand it over),
// uploaded with its name and size shown — and the other party downloads the same bytes from the
// timeline; in English the form and the link speak English.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { assessInMatrix, reportThroughForm, serverAndBrowser, signedIn } from './harness.mjs';

const env = serverAndBrowser();
const PHOTO = Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.alloc(3000, 7)]);

async function reportAtL1(tech, admin) {
  const id = await reportThroughForm(tech);
  await assessInMatrix(admin, env.server.url, id, 1); // minor × normal: L1
  return id;
}

test('L4: a step completed with a file from the step form, downloaded by the other party from the timeline', async () => {
  const tech = await signedIn(env.browser, env.server.url, 'tech-a');
  const admin = await signedIn(env.browser, env.server.url, 'admin-a');
  const id = await reportAtL1(tech, admin);

  await tech.reload();
  const step = tech.locator('ol.steps li', { hasText: '技术负责人启动备用方案' });
  await step.locator('summary').click();
  const form = step.locator('form.evidence-form');
  await form.locator('select').first().selectOption('file');
  await form.locator('input[type=text], input:not([type])').first().fill('切换后的监控截图');
  const drop = form.locator('[data-testid=file-drop]');
  assert.match(await drop.innerText(), /选择文件/);
  assert.match(await drop.innerText(), /拍照/);
  assert.equal(await drop.locator('input[capture=environment]').getAttribute('accept'), 'image/*');
  await drop.locator('input[type=file]:not([capture])').setInputFiles({
    name: '监控截图.png',
    mimeType: 'image/png',
    buffer: PHOTO,
  });
  // Uploaded: the status shows the size (while it uploads it says 正在上传 and the percentage).
  await drop.locator('.file-status', { hasText: '2.9 KB' }).waitFor({ timeout: 10000 });
  assert.match(await drop.locator('.file-status').innerText(), /监控截图\.png · 2\.9 KB/);
  await form.locator('button[type=submit]').click();
  await tech.locator('ol.steps li.done', { hasText: '技术负责人启动备用方案' }).waitFor({ timeout: 10000 });

  // Party B opens the incident: the timeline links the file; the download is the same bytes.
  const leader = await signedIn(env.browser, env.server.url, 'leader-b');
  await leader.goto(`${env.server.url}/#/incidents/${id}`);
  const entry = leader.locator('ol.timeline li', { hasText: '完成步骤' });
  await entry.waitFor({ timeout: 10000 });
  const link = entry.locator('a[download]');
  assert.equal(await link.innerText(), '下载文件');
  const [download] = await Promise.all([leader.waitForEvent('download'), link.click()]);
  assert.equal(download.suggestedFilename(), '监控截图.png');
  assert.deepEqual(await readFile(await download.path()), PHOTO);
  assert.match(await leader.locator('ol.steps li.done', { hasText: '技术负责人启动备用方案' }).innerText(), /下载文件/);

  // In English the step form's file evidence and the timeline's link speak English.
  const en = await signedIn(env.browser, env.server.url, 'tech-a', { lang: 'en' });
  await en.goto(`${env.server.url}/#/incidents/${id}`);
  await en.locator('ol.timeline a[download]', { hasText: 'Download the file' }).waitFor({ timeout: 10000 });
  const fix = en.locator('ol.steps li', { hasText: 'fixes the problem' });
  await fix.locator('summary').click();
  await fix.locator('form.evidence-form select').first().selectOption('file');
  const enDrop = fix.locator('[data-testid=file-drop]');
  assert.match(await enDrop.innerText(), /Choose a file/);
  assert.match(await enDrop.innerText(), /Take a photo/);
});
