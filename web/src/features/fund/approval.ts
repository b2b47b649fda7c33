// F4: what the Approve button sends. An approver who keeps a signing key in this browser (the
// plan signers' keys, made on the Signing keys page) signs the request's approval statement
// (docs/plan-signing.md, "Signed approvals of the fund"), exactly the bytes served; one without
// a key here approves unsigned, and the server refuses that if the approver has a registered key.
import { ApiError, api, unwrap, type User } from '../../api/client';
import { signBytes } from '../../lib/signing/crypto';
import { loadKey } from '../../lib/signing/keystore';
import type { Disbursement } from './model';

/** Whether `text` is the approval statement of `d` as the page shows it: the request and its amount. */
export function statementNames(text: string, d: Disbursement): boolean {
  const lines = text.split('\n');
  return (
    lines[0] === 'pactum disbursement approval v1' &&
    lines.includes(`disbursement ${d.id}`) &&
    lines.includes(`amount ${d.amount} ${d.currency}`)
  );
}

/** POST …/approve's `init` for the typed client; `mismatch` is the error shown when the served
 *  statement is not the request on the page (nothing is signed then). */
export async function approvalRequest(d: Disbursement, user: User, mismatch: string) {
  const path = { params: { path: { id: d.id } } };
  const key = await loadKey(user.id);
  if (!key) return path;
  const served = await unwrap(
    api.GET('/api/v1/fund/disbursements/{id}/statement', { ...path, parseAs: 'arrayBuffer' }),
  );
  const bytes = new Uint8Array(served as unknown as ArrayBuffer);
  if (!statementNames(new TextDecoder().decode(bytes), d)) throw new ApiError(-1, 'local', mismatch);
  return { ...path, body: { key_id: key.keyId, signature: await signBytes(key.privateKey, bytes) } };
}
