import { describe, expect, it } from 'vitest';
import { fenOf, moneyOf, yuanOf } from './money';

describe('money in whole fen (F2, S3)', () => {
  it('reads yuan as typed into whole fen, never a fraction', () => {
    expect(fenOf('1234.56')).toBe(123456);
    expect(fenOf('1234.5')).toBe(123450);
    expect(fenOf(' 80000 ')).toBe(8000000);
    expect(fenOf('0.07')).toBe(7);
    expect(fenOf('0.1')).toBe(10);
    expect(fenOf('1,000,000.01')).toBe(100000001);
    // Where floating point would be off: 0.29 × 100 is 28.999999999999996, 1.005 is refused.
    expect(fenOf('0.29')).toBe(29);
    expect(fenOf('4.35')).toBe(435);
    expect(fenOf('10000000000000')).toBe(1000000000000000); // 10^15 fen: the API's most
  });
  it('reads a sign only where one may be (an adjustment)', () => {
    expect(fenOf('-5')).toBeNull();
    expect(fenOf('-20.5', { signed: true })).toBe(-2050);
    expect(fenOf('-0', { signed: true })).toBe(0);
  });
  it('refuses what is not an amount', () => {
    for (const typed of ['', ' ', '.5', '1.', '1.234', '1.005', '1e5', '¥100', '12,34', '1 000', '--1', '+1', 'NaN']) {
      expect(fenOf(typed, { signed: true }), typed).toBeNull();
    }
  });
  it('writes fen as yuan for people', () => {
    expect(yuanOf(123450)).toBe('1,234.50');
    expect(yuanOf(7)).toBe('0.07');
    expect(yuanOf(0)).toBe('0.00');
    expect(yuanOf(-2050)).toBe('-20.50');
    expect(yuanOf(1000000000000000)).toBe('10,000,000,000,000.00');
    expect(yuanOf(100000000)).toBe('1,000,000.00');
  });
  it('writes what it reads back', () => {
    for (const fen of [0, 1, 99, 100, 101, 123456789, 999999999999999]) expect(fenOf(yuanOf(fen))).toBe(fen);
  });
  it('names the currency', () => {
    expect(moneyOf(100000000, 'CNY')).toBe('¥1,000,000.00');
    expect(moneyOf(-2050, 'CNY')).toBe('-¥20.50');
    expect(moneyOf(2050, 'USD')).toBe('20.50 USD');
  });
});
