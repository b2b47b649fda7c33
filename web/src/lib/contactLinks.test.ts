import { describe, expect, it } from 'vitest';
import { telHref } from './contactLinks';

describe('phone numbers as tel: links', () => {
  it('keeps the digits and the leading plus of an international number', () => {
    expect(telHref('+86 21 5555 0101')).toBe('tel:+862155550101');
    expect(telHref('+86 138-0000-0101')).toBe('tel:+8613800000101');
  });
  it('leaves a local number without a plus', () => {
    expect(telHref('(010) 5555 0205')).toBe('tel:01055550205');
  });
});
