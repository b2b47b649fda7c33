// Hash routes (#/incidents/INC-2026-0001): the server serves one page, the browser keeps history.
import { createStore, useStore } from './store';

const route = createStore(currentPath());

function currentPath(): string {
  const hash = typeof location === 'undefined' ? '' : location.hash.replace(/^#/, '');
  return hash || '/';
}

if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', () => route.set(currentPath()));
}

export function useRoute(): string {
  return useStore(route);
}

export function navigate(path: string) {
  location.hash = path;
}

/** Matches "/incidents/:id" against a path; the parameters, or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/');
  const s = path.split('/');
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    const part = p[i]!;
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(s[i]!);
    else if (part !== s[i]) return null;
  }
  return params;
}
