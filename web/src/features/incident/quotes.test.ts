import { describe, expect, it } from 'vitest';
import { fenOf, yuanOf } from './Quotes';

describe('S3 quote amounts', () => {
  it('reads yuan as typed into whole fen, never a fraction', () => {
    expect(fenOf('1234.5')).toBe(123450);
    expect(fenOf('1234.56')).toBe(123456);
    expect(fenOf(' 80000 ')).toBe(8000000);
    expect(fenOf('0.07')).toBe(7);
  });
  it('refuses what is not an amount', () => {
    expect(fenOf('')).toBeNull();
    expect(fenOf('1.234')).toBeNull();
    expect(fenOf('-5')).toBeNull();
    expect(fenOf('1e5')).toBeNull();
    expect(fenOf('¥100')).toBeNull();
  });
  it('writes fen as yuan for people', () => {
    expect(yuanOf(123450)).toBe('1,234.50');
    expect(yuanOf(7)).toBe('0.07');
  });
});
