// The fund pages' client logic, kept pure for its tests: what the plan says about the fund, who is
// offered which step of a disbursement request (the server decides; the page only leaves out a
// form that could not succeed for this person).
import { ApiError, type Plan, type Schemas, type User } from '../../api/client';
import { fenOf } from '../../lib/money';

export type Disbursement = Schemas['Disbursement'];
export type Movement = Schemas['FundMovement'];
export type Reconciliation = Schemas['FundReconciliation'];

/** The plan's `fund` (the API types it loosely: docs/plan-file.md has its keys). */
export interface PlanFund {
  reserve: string;
  reconciliation: { every: string };
  disbursement: { signatures: number; review_by: string; expires: string };
  account?: { zh: string; en: string };
  safety_rectification?: { min: string; max: string }; // yuan, as the plan writes them
}

export function planFund(plan: Plan): PlanFund {
  return plan.fund as unknown as PlanFund;
}

/** Whether the plan's `permissions[action]` lists a role `user` holds (or `any`). */
export function mayDo(plan: Plan, user: User, action: string): boolean {
  const roles = plan.permissions[action]?.roles ?? [];
  return roles.some((r) => r === 'any' || user.roles.includes(r));
}

/** A request still on its way: neither paid nor rejected nor expired. */
export function isOpen(d: Disbursement): boolean {
  return d.status === 'requested' || d.status === 'approved' || d.status === 'reviewed';
}

/**
 * F4: a member of the group who has not approved it may approve a request that still lacks
 * signatures (once it has them, one more adds nothing, and would bar a finance lead's review).
 */
export function mayApprove(d: Disbursement, user: User): boolean {
  return !!user.contact && d.status === 'requested' && !d.approvals.includes(user.contact);
}

export type ReviewOffer = 'review' | 'approver' | null;

/**
 * F4: the finance review is offered to a holder (or deputy) of the plan's `review_by` role once
 * the request has its approvals; to one of its approvers it is refused ('approver': the page says
 * why), to everyone else it is not shown.
 */
export function reviewOffer(d: Disbursement, plan: Plan, user: User): ReviewOffer {
  if (d.status !== 'approved' || !user.roles.includes(planFund(plan).disbursement.review_by)) return null;
  return d.approvals.includes(user.contact) ? 'approver' : 'review';
}

/** The payment form, for those who may record payments, on any open request: the server refuses
 *  a payment before the approvals and the review (409), and the page shows that refusal. */
export function mayPay(d: Disbursement, plan: Plan, user: User): boolean {
  return isOpen(d) && mayDo(plan, user, 'pay_disbursement');
}

/**
 * Fen from an amount typed in yuan, or the refusal the form shows by `field` (the same shape as
 * the server's, so a typo is named where it was typed before anything is sent).
 */
export function fenOrRefuse(typed: string, field: string, message: string, signed = false): number {
  const fen = fenOf(typed, { signed });
  if (fen === null) throw new ApiError(400, 'invalid_argument', message, field);
  return fen;
}
