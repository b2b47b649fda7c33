// Where the focus goes when the page changes: to the new page's heading (h1, made focusable with
// tabIndex -1), so a screen reader says where the reader now is and Tab goes on from the page, not
// from the link that was clicked. Pages often show "loading" first: the heading is waited for.

const WAIT_MS = 10_000;

/**
 * Focuses `main h1` under `root` now or as soon as it appears (for up to ten seconds); returns the
 * function that stops waiting (the next navigation calls it). `preventScroll`: a page that scrolls
 * to a record of its own (#/drills/DR-2026-0001) keeps that scroll.
 */
export function focusHeading(root: ParentNode = document, preventScroll = false): () => void {
  const take = () => {
    const h = root.querySelector<HTMLElement>('main h1');
    if (!h) return false;
    h.tabIndex = -1;
    h.focus({ preventScroll });
    return true;
  };
  if (take()) return () => undefined;
  const observer = new MutationObserver(() => {
    if (take()) stop();
  });
  const timer = setTimeout(() => stop(), WAIT_MS);
  const stop = () => {
    observer.disconnect();
    clearTimeout(timer);
  };
  observer.observe(root instanceof Document ? root.body : (root as Node), { childList: true, subtree: true });
  return stop;
}
