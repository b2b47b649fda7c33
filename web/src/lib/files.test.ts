import { describe, expect, it } from 'vitest';
import { fileEvidence, fileUrl, formatSize, isFileDigest } from './files';

describe('evidence files (L4)', () => {
  it('L4_knows a stored file by its digest alone', () => {
    expect(isFileDigest('a'.repeat(64))).toBe(true);
    expect(isFileDigest('A'.repeat(64))).toBe(false);
    expect(isFileDigest(`sha256:${'a'.repeat(64)}`)).toBe(false);
    expect(isFileDigest('https://example.com/report.pdf')).toBe(false);
    expect(isFileDigest(undefined)).toBe(false);
    expect(fileUrl('ab'.repeat(32))).toBe(`/api/v1/files/${'ab'.repeat(32)}`);
  });
  it('L4_finds the stored files an event names as evidence', () => {
    const sha = 'c'.repeat(64);
    const payload = {
      step: 'L1.backup',
      evidence: [
        { kind: 'note', text: 'switched' },
        { kind: 'file', text: 'screenshot', ref: sha },
        { kind: 'file', text: 'old reference', ref: 'sha256:ab12' },
      ],
    };
    expect(fileEvidence(payload)).toEqual([{ kind: 'file', text: 'screenshot', ref: sha }]);
    expect(fileEvidence({ note: 'no evidence' })).toEqual([]);
  });
  it('L4_says a size as people read it', () => {
    expect(formatSize(980)).toBe('980 B');
    expect(formatSize(12_600)).toBe('12.3 KB');
    expect(formatSize(4_718_592)).toBe('4.5 MB');
  });
});
