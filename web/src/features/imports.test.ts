// Features do not import each other (docs/architecture.md): what two features share lives in lib/.
// Every import of every file under features/ is resolved against its folder; one that lands in
// another feature's folder fails here, naming the file and the import.
import { describe, expect, it } from 'vitest';

const sources = import.meta.glob(['./*/**/*.ts', './*/**/*.tsx'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

/** The feature a path under features/ belongs to ("./incident/forms.tsx" → "incident"). */
const featureOf = (path: string) => path.split('/')[1];

/** "./incident/forms.tsx" importing "../report/x" → "./report/x" (null: outside features/). */
function resolve(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const parts = from.split('/').slice(0, -1);
  for (const step of specifier.split('/')) {
    if (step === '..') parts.pop();
    else if (step !== '.') parts.push(step);
  }
  return parts[0] === '.' && parts.length > 1 ? parts.join('/') : null;
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^'"`;]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function crossings(files: Record<string, string>): string[] {
  const out: string[] = [];
  for (const [path, text] of Object.entries(files)) {
    for (const m of text.matchAll(IMPORT)) {
      const target = resolve(path, (m[1] ?? m[2])!);
      if (target && featureOf(target) !== featureOf(path)) out.push(`${path} imports ${m[1] ?? m[2]}`);
    }
  }
  return out;
}

describe('feature folders', () => {
  it('sees the features (the glob works)', () => {
    expect(Object.keys(sources)).toContain('./incident/IncidentPage.tsx');
  });
  it('catches an import of another feature, and only that', () => {
    const files = {
      './fund/a.ts': "import { x } from '../signing/api';\nimport { y } from './model';\n",
      './plan/b.tsx': "import { z } from '../../lib/signing/api';\nexport { w } from '../report/w';\n",
      './board/c.ts': "const m = await import('../silences/page');\n",
    };
    expect(crossings(files)).toEqual([
      './fund/a.ts imports ../signing/api',
      './plan/b.tsx imports ../report/w',
      './board/c.ts imports ../silences/page',
    ]);
  });
  it('no feature imports another', () => {
    expect(crossings(sources)).toEqual([]);
  });
});
