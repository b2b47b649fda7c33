// M1: the recipients typed into the external message form become the addresses sent.
import { describe, expect, it } from 'vitest';
import { recipientsOf } from './ExternalMessages';

describe('recipientsOf', () => {
  it('M1: splits at commas, semicolons (also full-width), spaces and lines', () => {
    expect(recipientsOf('a@x.cn, b@y.cn;c@z.cn\n d@w.cn；e@v.cn，f@u.cn')).toEqual([
      'a@x.cn',
      'b@y.cn',
      'c@z.cn',
      'd@w.cn',
      'e@v.cn',
      'f@u.cn',
    ]);
  });
  it('M1: nothing typed is no address (the server then names "to" for email)', () => {
    expect(recipientsOf('  \n ')).toEqual([]);
  });
});
