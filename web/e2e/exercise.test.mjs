// V2 in the browser: A reports an exercise with the report form's box; its page carries the
// exercise banner, and B's board shows it apart, badged, outside the level groups and their counts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reportThroughForm, serverAndBrowser, signedIn } from './harness.mjs';

const env = serverAndBrowser();

test('V2: an exercise is marked on its page and shown apart, uncounted, on the board', async () => {
  const a = await signedIn(env.browser, env.server.url, 'tech-a');
  const real = await reportThroughForm(a, { condition: null });
  assert.match(real, /^INC-/);
  assert.equal(await a.locator('.exercise-banner').count(), 0);
  const ex = await reportThroughForm(a, { phenomenon: '演练：订单系统无法访问', condition: null, exercise: true });
  assert.match(ex, /^EX-\d{4}-0001$/);
  assert.match(await a.innerText('.exercise-banner'), /【演练】/);
  assert.match(await a.innerText('.incident-page h1 .exercise-badge'), /演练/);

  const b = await signedIn(env.browser, env.server.url, 'leader-b', { lang: 'en' });
  const card = b.locator(`.exercise-group [data-incident="${ex}"]`);
  await card.waitFor({ timeout: 10000 });
  assert.match(await card.locator('.exercise-badge').innerText(), /Exercise/);
  assert.equal(await b.locator(`.board-urgent [data-incident="${ex}"]`).count(), 0, 'not among the real incidents');
  assert.equal(await b.locator('main h1 .count').innerText(), '1', 'only the real incident is counted');
  assert.equal(await b.locator(`.board-urgent [data-incident="${real}"]`).count(), 1);

  // The drill that ran it names it, and its report scores the exercise.
  const leader = await signedIn(env.browser, env.server.url, 'admin-a');
  await leader.goto(`${env.server.url}/#/drills`);
  const form = leader.locator('form[aria-label="记录演练"]');
  await form.waitFor();
  await leader.selectOption('#f-kind', 'live');
  for (const id of ['a-zhang', 'a-li']) await leader.check(`input[name="participants"][value="${id}"]`);
  await leader.fill('#f-exercise_incident', ex);
  await form.locator('button[type=submit]').click();
  const drill = await form.locator('output a').innerText();
  const score = leader.locator(`article#${drill} .exercise-score`);
  await score.waitFor({ timeout: 10000 });
  assert.match(await score.innerText(), new RegExp(`演练评分 · ${ex}`));
  assert.match(await score.innerText(), /按时完成的义务: \d+\/\d+ · P1 /);
});
