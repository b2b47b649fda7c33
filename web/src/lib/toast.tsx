// Confirmations that an action was recorded: a short line at the foot of the screen, announced
// by screen readers (a polite live region: an <output>, whose role is status), gone after a few
// seconds. One region for the app.
import { createStore, useStore } from './store';

interface Toast {
  id: number;
  text: string;
}

const toasts = createStore<Toast[]>([]);
let next = 1;

/** Shows `text` for `ms` milliseconds. */
export function toast(text: string, ms = 6000) {
  const id = next++;
  toasts.set([...toasts.get(), { id, text }]);
  setTimeout(() => toasts.set(toasts.get().filter((t) => t.id !== id)), ms);
}

/** The live region the toasts appear in (rendered once, by the app's shell). */
export function Toasts() {
  const shown = useStore(toasts);
  return (
    <output class="toasts no-print" aria-live="polite">
      {shown.map((t) => (
        <span key={t.id} class="toast">
          {t.text}
        </span>
      ))}
    </output>
  );
}
