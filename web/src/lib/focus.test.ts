import { describe, expect, it } from 'vitest';
import { focusHeading } from './focus';

describe('focusHeading', () => {
  it('focuses the page’s h1, made focusable, when it is there', () => {
    document.body.innerHTML = '<main><h1>事件看板</h1></main>';
    focusHeading();
    const h1 = document.querySelector('h1')!;
    expect(document.activeElement).toBe(h1);
    expect(h1.tabIndex).toBe(-1);
  });
  it('waits for the heading of a page still loading, and can stop waiting', async () => {
    document.body.innerHTML = '<main><p>加载中…</p></main>';
    focusHeading();
    document.querySelector('main')!.innerHTML = '<h1>INC-2026-0001</h1>';
    await new Promise((r) => setTimeout(r, 0));
    expect(document.activeElement?.textContent).toBe('INC-2026-0001');

    document.body.innerHTML = '<main><p>加载中…</p></main>';
    const stop = focusHeading();
    stop();
    document.querySelector('main')!.innerHTML = '<h1>Later</h1>';
    await new Promise((r) => setTimeout(r, 0));
    expect(document.activeElement).not.toBe(document.querySelector('h1'));
  });
});
