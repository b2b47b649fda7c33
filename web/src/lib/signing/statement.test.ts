import { describe, expect, it } from 'vitest';
import { parseStatement } from './statement';

const statement = [
  'pactum plan statement v1',
  'plan coop-emergency-plan',
  'version 2',
  `yaml-sha256 ${'ab'.repeat(32)}`,
  'effective 2026-03-02',
  'agreement 示例合作协议',
  'agreement-en Example cooperation agreement',
  'term 2026-01-01 2026-12-31',
  'signatures A B',
  '',
].join('\n');
const bytes = (text: string) => new TextEncoder().encode(text);

describe('parseStatement', () => {
  it('reads the nine lines of a statement as served', () => {
    const s = parseStatement(bytes(statement))!;
    expect(s.plan).toBe('coop-emergency-plan');
    expect(s.version).toBe(2);
    expect(s.agreement).toBe('示例合作协议');
    expect(s.term).toEqual({ starts: '2026-01-01', ends: '2026-12-31' });
    expect(s.signatures).toEqual(['A', 'B']);
  });

  it('refuses bytes that are not a statement, so nothing else is signed', () => {
    expect(parseStatement(bytes(statement.slice(0, -1)))).toBeNull(); // no final line feed
    expect(parseStatement(bytes(statement.replace('version 2', 'version two')))).toBeNull();
    expect(parseStatement(bytes(statement.replace('v1\n', 'v2\n')))).toBeNull();
    expect(parseStatement(bytes(`${statement}extra line\n`))).toBeNull();
    expect(parseStatement(bytes('<html>error</html>'))).toBeNull();
    expect(parseStatement(Uint8Array.of(0xff, 0xfe, 0x0a))).toBeNull(); // not UTF-8
  });
});
