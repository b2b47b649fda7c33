import { describe, expect, it } from 'vitest';
import type { Plan, User } from '../../api/client';
import { statementNames } from './approval';
import { fenOrRefuse, isOpen, mayApprove, mayDo, mayPay, reviewOffer, type Disbursement } from './model';

const plan = {
  permissions: {
    request_disbursement: { roles: ['any'], parties: 'any' },
    pay_disbursement: { roles: ['finance_lead'], parties: 'any' },
  },
  fund: { reserve: '5%', disbursement: { signatures: 3, review_by: 'finance_lead', expires: '30d' } },
} as unknown as Plan;

function user(contact: string, roles: string[]): User {
  return { id: contact, name: contact, party: 'A', contact, admin: false, roles };
}

function request(status: Disbursement['status'], approvals: string[]): Disbursement {
  return {
    id: 'FD-0001',
    amount: 5000000,
    currency: 'CNY',
    purpose: '服务器',
    incident: '',
    requested_by: 'a-li',
    requested_at: '2026-12-01T00:00:00Z',
    expires_at: '2026-12-31T00:00:00Z',
    status,
    approvals,
    approvals_required: 3,
    approval_signatures: [],
    review: null,
    paid: null,
  };
}

const finance = user('a-wang', ['finance_lead']);
const leader = user('a-zhang', ['leader', 'emergency_contact']);

describe('F4: the step each person is offered', () => {
  it("follows the plan's permissions, `any` included", () => {
    expect(mayDo(plan, leader, 'request_disbursement')).toBe(true);
    expect(mayDo(plan, leader, 'pay_disbursement')).toBe(false);
    expect(mayDo(plan, finance, 'pay_disbursement')).toBe(true);
    expect(mayDo(plan, finance, 'reconcile_fund')).toBe(false); // not in the plan: nobody
  });
  it('F4_EachMemberSignsOnce: a member signs a request lacking signatures once; an account without a contact never', () => {
    expect(mayApprove(request('requested', []), leader)).toBe(true);
    expect(mayApprove(request('requested', ['a-zhang']), leader)).toBe(false);
    expect(mayApprove(request('approved', ['a-li', 'b-wang', 'b-sun']), leader)).toBe(false); // enough
    expect(mayApprove(request('reviewed', ['a-li', 'b-wang', 'b-sun']), leader)).toBe(false);
    expect(mayApprove(request('expired', []), leader)).toBe(false);
    expect(mayApprove(request('requested', []), user('', ['leader']))).toBe(false);
  });
  it('F4_ReviewByAFinanceLeadWhoDidNotSign: offered once the signatures are there, refused to a signer', () => {
    expect(reviewOffer(request('requested', ['a-li']), plan, finance)).toBeNull();
    expect(reviewOffer(request('approved', ['a-li', 'a-zhang', 'b-wang']), plan, finance)).toBe('review');
    expect(reviewOffer(request('approved', ['a-li', 'a-wang', 'b-wang']), plan, finance)).toBe('approver');
    expect(reviewOffer(request('approved', ['a-li', 'a-chen', 'b-wang']), plan, leader)).toBeNull();
  });
  it('F4_NoPaymentBeforeReview: the form is there for an open request, the server refuses it until reviewed', () => {
    expect(mayPay(request('requested', []), plan, finance)).toBe(true);
    expect(mayPay(request('reviewed', []), plan, finance)).toBe(true);
    expect(mayPay(request('reviewed', []), plan, leader)).toBe(false);
    for (const s of ['paid', 'rejected', 'expired'] as const) {
      expect(isOpen(request(s, []))).toBe(false);
      expect(mayPay(request(s, []), plan, finance)).toBe(false);
    }
  });
  it('F4_ASignedApprovalSignsOnlyTheStatementOfTheRequestShown', () => {
    const d = request('requested', []);
    const statement =
      'pactum disbursement approval v1\nplan coop-2026\ndisbursement FD-0001\namount 5000000 CNY\n' +
      'purpose 服务器\nincident -\nrequested-at 2026-12-01T00:00:00.000Z\n';
    expect(statementNames(statement, d)).toBe(true);
    expect(statementNames(statement.replace('FD-0001', 'FD-0002'), d)).toBe(false);
    expect(statementNames(statement.replace('5000000', '9000000'), d)).toBe(false);
    expect(statementNames(statement.replace('approval v1', 'approval v2'), d)).toBe(false);
  });
});

describe('F2: amounts typed in yuan', () => {
  it('become whole fen, or a refusal naming the field', () => {
    expect(fenOrRefuse('1234.56', 'amount', 'bad')).toBe(123456);
    expect(fenOrRefuse('-0.50', 'amount', 'bad', true)).toBe(-50);
    expect(() => fenOrRefuse('-0.50', 'amount', 'bad')).toThrow(
      expect.objectContaining({ field: 'amount', message: 'bad' }),
    );
    expect(() => fenOrRefuse('12.345', 'statement_balance', 'bad')).toThrow(
      expect.objectContaining({ field: 'statement_balance' }),
    );
  });
});
