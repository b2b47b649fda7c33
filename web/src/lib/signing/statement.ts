// A version's statement, the exact bytes a signer signs (docs/plan-signing.md, "The statement"):
// read back to show the signer what they sign and to refuse bytes that are not the version's
// statement. The bytes signed are the ones served, never a re-encoding of this reading.

export interface Statement {
  plan: string;
  version: number;
  yamlSha256: string;
  effective: string;
  agreement: string;
  agreementEn: string;
  term: { starts: string; ends: string };
  signatures: string[];
}

const FIELDS = ['plan', 'version', 'yaml-sha256', 'effective', 'agreement', 'agreement-en', 'term', 'signatures'];

/** Null unless `bytes` are a v1 statement: UTF-8, nine lines each ending in a line feed. */
export function parseStatement(bytes: Uint8Array): Statement | null {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
  if (!text.endsWith('\n')) return null;
  const lines = text.slice(0, -1).split('\n');
  if (lines.length !== 1 + FIELDS.length || lines[0] !== 'pactum plan statement v1') return null;
  const values: string[] = [];
  for (let i = 0; i < FIELDS.length; i++) {
    const prefix = `${FIELDS[i]} `;
    const line = lines[i + 1]!;
    if (!line.startsWith(prefix)) return null;
    values.push(line.slice(prefix.length));
  }
  const [plan, version, sha, effective, agreement, agreementEn, term, signatures] = values as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const days = /^(\d{4}-\d{2}-\d{2}) (\d{4}-\d{2}-\d{2})$/.exec(term);
  if (!/^[1-9]\d*$/.test(version) || !/^[0-9a-f]{64}$/.test(sha) || !/^\d{4}-\d{2}-\d{2}$/.test(effective) || !days) {
    return null;
  }
  return {
    plan,
    version: Number(version),
    yamlSha256: sha,
    effective,
    agreement,
    agreementEn,
    term: { starts: days[1]!, ends: days[2]! },
    signatures: signatures.split(' ').filter((p) => p !== ''),
  };
}
