// Who signs for which party (governance.signers of the plan in force, docs/plan-signing.md): the
// page offers signing to these people; the server decides.
import type { Plan, User } from '../../api/client';

interface Governance {
  signatures?: string[];
  signers?: Record<string, string[]>;
}

/** The party `user` signs for, or null: their party signs and they hold one of its signer roles. */
export function signerParty(plan: Plan, user: User): string | null {
  const g = plan.governance as Governance;
  if (!user.contact || !(g.signatures ?? []).includes(user.party)) return null;
  const roles = g.signers?.[user.party] ?? [];
  return user.roles.some((r) => roles.includes(r)) ? user.party : null;
}
