// Benchmark (not a test): the board with 200 open incidents. Prints how long the first render
// takes, and, over 10 seconds of live countdowns plus a burst of new events, the long tasks
// (> 50 ms, what makes a page feel stuck) and the frame rate. Run from web/: node e2e/board.bench.mjs
import { createToken, launch, signedIn, startServer } from './harness.mjs';

const N = Number(process.env.INCIDENTS ?? 200);
const server = await startServer();
const browser = await launch();
try {
  const token = createToken(server, 'tech-a', 'bench', 'read,write');
  const report = (i) =>
    fetch(`${server.url}/api/v1/incidents`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({
        trigger: 'T1',
        condition: 'T1.outage',
        phenomenon: `订单系统无法访问 ${i}`,
        scope: '全部线上订单',
        cause_guess: '数据库主节点宕机',
        discovered_at: new Date(Date.now() - 600_000).toISOString(),
        responsible_party: i % 2 ? 'A' : 'B',
      }),
    });
  for (let i = 0; i < N; i += 20) await Promise.all(Array.from({ length: 20 }, (_, k) => report(i + k)));

  const page = await signedIn(browser, server.url, 'leader-b');
  const started = Date.now();
  await page.waitForFunction((n) => document.querySelectorAll('[data-incident]').length >= n, N);
  const firstRender = Date.now() - started;
  await page.evaluate(() => {
    window.__long = [];
    new PerformanceObserver((l) => window.__long.push(...l.getEntries().map((e) => e.duration))).observe({
      type: 'longtask',
      buffered: false,
    });
    window.__frames = 0;
    const tick = () => {
      window.__frames++;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  // Ten seconds of countdowns, with 20 new incidents arriving live in the middle.
  await new Promise((r) => setTimeout(r, 5000));
  await Promise.all(Array.from({ length: 20 }, (_, k) => report(N + k)));
  await new Promise((r) => setTimeout(r, 5000));
  const { long, frames } = await page.evaluate(() => ({ long: window.__long, frames: window.__frames }));
  const cards = await page.evaluate(() => document.querySelectorAll('[data-incident]').length);
  console.log(
    `board with ${cards} open incidents: first render ${firstRender} ms; ` +
      `over 10 s: ${long.length} long tasks (longest ${Math.round(Math.max(0, ...long))} ms), ` +
      `${(frames / 10).toFixed(0)} frames/s`,
  );
} finally {
  await browser.close();
  server.stop();
}
