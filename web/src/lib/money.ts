// Money as the API keeps it: whole minor units (fen), never fractions. What people type in yuan
// ("1234.56") becomes fen by reading the digits, and fen become yuan by placing the point in the
// digits: no floating-point arithmetic touches an amount either way.

/**
 * Fen from what was typed in yuan: "1234.5" → 123450, "-20" → -2000 (only when `signed`); null
 * when it is not an amount (more than two decimals, an exponent, a currency sign, …). Grouping
 * commas as yuanOf writes them are accepted. An amount beyond what the API takes (10^15 fen) is
 * returned as read, for the server to refuse by name.
 */
export function fenOf(yuan: string, { signed = false } = {}): number | null {
  const typed = yuan.trim().replace(/,(?=\d{3}(\D|$))/g, '');
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(typed);
  if (!m || (m[1] && !signed)) return null;
  const digits = `${m[2]}${(m[3] ?? '').padEnd(2, '0')}`.replace(/^0+(?=\d)/, '');
  const fen = Number(digits);
  return m[1] && fen !== 0 ? -fen : fen;
}

/** Fen written in yuan for people: 123450 → "1,234.50", -7 → "-0.07". */
export function yuanOf(fen: number): string {
  const digits = String(Math.abs(Math.trunc(fen))).padStart(3, '0');
  const whole = digits.slice(0, -2).replace(/\B(?=(\d{3})+$)/g, ',');
  return `${fen < 0 ? '-' : ''}${whole}.${digits.slice(-2)}`;
}

/** An amount with its currency: "¥1,234.50" for CNY, "1,234.50 USD" for another. */
export function moneyOf(fen: number, currency: string): string {
  return currency === 'CNY' ? `${fen < 0 ? '-' : ''}¥${yuanOf(Math.abs(fen))}` : `${yuanOf(fen)} ${currency}`;
}
