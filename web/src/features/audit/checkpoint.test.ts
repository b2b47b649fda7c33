import { describe, expect, it } from 'vitest';
import { parseCheckpoint } from './checkpoint';

// A checkpoint served by Pactum with a witness's cosignature (from the integration tests).
const served =
  'pactum/e849caf2033e7f74\n3\nWaOLIAdkO9rG5l6jOaS7Xwo+xIktzMCmNNtVMXhgcQY=\n\n' +
  '\u2014 pactum/e849caf2033e7f74 GAHXtSNgD5e2jJooqRn1ExTeTCurlZa+m8L6EZz2wDGtI+cfXTtN3Fg7yd62CVW6/48m9Qk4tWVhz6+0eqoWuMFlKgo=\n' +
  '\u2014 party-a.demo/witness jGWA2gAAAABrFK1N7Kj1sQiD8hJ2j9YIcjWFzhJmreidLO9QHuzweIiplpHFCATyX5pvS0nK6dxtRbuA16mnTKG6etp8t4RR1/DkAw==\n';

describe('parseCheckpoint', () => {
  it('reads the tree and tells the log signature from a timestamped cosignature', () => {
    const c = parseCheckpoint(served)!;
    expect(c.origin).toBe('pactum/e849caf2033e7f74');
    expect(c.size).toBe(3);
    expect(c.root).toBe('WaOLIAdkO9rG5l6jOaS7Xwo+xIktzMCmNNtVMXhgcQY=');
    expect(c.signatures.map((s) => s.name)).toEqual(['pactum/e849caf2033e7f74', 'party-a.demo/witness']);
    expect(c.signatures[0]!.timestamp).toBeUndefined();
    expect(c.signatures[1]!.timestamp).toBe(0x6b14ad4d);
  });

  it('refuses what is not a checkpoint', () => {
    expect(parseCheckpoint('not a note')).toBeNull();
    expect(parseCheckpoint('origin\nseven\nroot\n\n\u2014 x AAAA\n')).toBeNull();
  });
});
