import { describe, expect, it } from 'vitest';
import { keyed, unkeyed } from './rows';

describe('keyed rows', () => {
  it('gives every row a key of its own, kept when the row is edited', () => {
    const a = keyed({ text: 'a' });
    const b = keyed({ text: 'a' });
    expect(a.key).not.toBe(b.key);
    expect({ ...a, text: 'edited' }.key).toBe(a.key);
  });
  it('leaves the key out of what the API gets', () => {
    expect(unkeyed([keyed({ text: 'a', due: '' })])).toEqual([{ text: 'a', due: '' }]);
  });
});
