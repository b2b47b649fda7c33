import { describe, expect, it } from 'vitest';
import { focusHeading } from './focus';

describe('focusHeading', () => {
  it('focuses the page’s h1, made focusable, when it is there', () => {
    document.body.innerHTML = '<main><h1>事件看板</h1></main>';
    const stop = focusHeading();
    const h1 = document.querySelector('h1')!;
    expect(document.activeElement).toBe(h1);
    expect(h1.tabIndex).toBe(-1);
    stop();
  });
  it('waits for the heading of a page still loading, and can stop waiting', async () => {
    document.body.innerHTML = '<main><p>加载中…</p></main>';
    const first = focusHeading();
    document.querySelector('main')!.innerHTML = '<h1>INC-2026-0001</h1>';
    await new Promise((r) => setTimeout(r, 0));
    expect(document.activeElement?.textContent).toBe('INC-2026-0001');
    first(); // the next navigation stops the last one's watch

    document.body.innerHTML = '<main><p>加载中…</p></main>';
    const stop = focusHeading();
    stop();
    document.querySelector('main')!.innerHTML = '<h1>Later</h1>';
    await new Promise((r) => setTimeout(r, 0));
    expect(document.activeElement).not.toBe(document.querySelector('h1'));
  });
  it('takes the heading again when the page draws it anew, unless the reader went elsewhere', async () => {
    document.body.innerHTML = '<main><h1>Audit</h1></main><input id="elsewhere">';
    const stop = focusHeading();
    document.querySelector('main')!.innerHTML = '<h1>Audit</h1><p>loaded</p>';
    await new Promise((r) => setTimeout(r, 0));
    const h1 = document.querySelector('h1')!;
    expect(document.activeElement).toBe(h1);

    document.querySelector<HTMLInputElement>('#elsewhere')!.focus();
    document.querySelector('main')!.innerHTML = '<h1>Audit</h1>';
    await new Promise((r) => setTimeout(r, 0));
    expect(document.activeElement?.id).toBe('elsewhere');
    stop();
  });
});
