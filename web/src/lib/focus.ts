// Where the focus goes when the page changes: to the new page's heading (h1, made focusable with
// tabIndex -1), so a screen reader says where the reader now is and Tab goes on from the page, not
// from the link that was clicked. Pages often show "loading" first, and some draw their heading
// anew once loaded: the heading is waited for, and taken again if it is replaced while the focus
// has fallen to the body — never once the reader has moved the focus elsewhere.

const WAIT_MS = 10_000;

/**
 * Focuses `main h1` under `root` now or as soon as it appears, for up to ten seconds; returns the
 * function that stops watching (the next navigation calls it). `preventScroll`: a page that
 * scrolls to a record of its own (#/drills/DR-2026-0001) keeps that scroll.
 */
export function focusHeading(root: ParentNode = document, preventScroll = false): () => void {
  let focused: HTMLElement | null = null;
  const take = () => {
    const h = root.querySelector<HTMLElement>('main h1');
    if (!h || h === focused) return;
    const active = document.activeElement;
    const dropped = !active || active === document.body || active === focused;
    if (focused && !dropped) return stop(); // the reader went on: leave the focus where it is
    h.tabIndex = -1;
    h.focus({ preventScroll });
    focused = h;
  };
  const observer = new MutationObserver(take);
  const timer = setTimeout(() => stop(), WAIT_MS);
  const stop = () => {
    observer.disconnect();
    clearTimeout(timer);
  };
  observer.observe(root instanceof Document ? root.body : (root as Node), { childList: true, subtree: true });
  take();
  return stop;
}
