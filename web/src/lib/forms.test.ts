// Every form of the app checks its input itself (lib/validation.ts, through useSubmit) and says
// what is wrong in the reader's language: none leaves it to the browser's bubble, which speaks the
// browser's language (issue 19 §1). The sources are scanned, so a new form without noValidate fails.
import { describe, expect, it } from 'vitest';

const sources = import.meta.glob(['../**/*.tsx'], { query: '?raw', import: 'default', eager: true }) as Record<
  string,
  string
>;

describe('forms', () => {
  it('are all noValidate', () => {
    const forms = Object.entries(sources).flatMap(([path, text]) =>
      [...text.matchAll(/<form\b[^>]*>/g)].map((m) => ({ path, tag: m[0] })),
    );
    expect(forms.length).toBeGreaterThan(20);
    expect(forms.filter((f) => !/\bnoValidate\b/.test(f.tag))).toEqual([]);
  });
});
