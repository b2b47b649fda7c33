import { describe, expect, it } from 'vitest';
import { ApiError, type Plan, type User } from '../../api/client';
import { signingErrorKey } from './errors';
import { signerParty } from './signer';

describe('signingErrorKey', () => {
  it('names each refusal of docs/plan-signing.md', () => {
    const key = (status: number, message: string, field?: string) =>
      signingErrorKey(new ApiError(status, 'x', message, field));
    expect(key(400, "the signature is not key k1's", 'signature')).toBe('sign_err_signature');
    expect(key(403, "the password is not this user's", 'password')).toBe('sign_err_password');
    expect(key(403, '"a-li" does not hold a signer role')).toBe('sign_err_not_signer');
    expect(key(422, 'key k1 has been revoked', 'key_id')).toBe('sign_err_revoked');
    expect(key(422, 'this version has been superseded by a later one')).toBe('sign_err_superseded');
    expect(key(422, 'a joint meeting of both parties must be recorded')).toBe('sign_err_meeting');
    expect(key(422, 'the agreement ended on 2026-12-31', 'agreement.ends')).toBe('sign_err_term');
    expect(key(409, 'party "B" has already signed this version')).toBe('sign_err_already_signed');
    expect(key(409, 'this key is registered already', 'public_key')).toBe('sign_err_key_registered');
    expect(key(500, 'boom')).toBe('sign_err_other');
  });
});

describe('signerParty', () => {
  const plan = { governance: { signatures: ['A', 'B'], signers: { A: ['leader'], B: ['leader'] } } } as unknown as Plan;
  const user = (party: string, roles: string[], contact = 'c'): User => ({
    id: 'u',
    name: 'u',
    party,
    contact,
    admin: false,
    roles,
  });

  it("is the user's party when they hold one of its signer roles", () => {
    expect(signerParty(plan, user('A', ['leader']))).toBe('A');
    expect(signerParty(plan, user('B', ['tech_lead', 'leader']))).toBe('B');
  });

  it('is null for anyone else', () => {
    expect(signerParty(plan, user('A', ['tech_lead']))).toBeNull();
    expect(signerParty(plan, user('C', ['leader']))).toBeNull();
    expect(signerParty(plan, user('A', ['leader'], ''))).toBeNull();
  });
});
