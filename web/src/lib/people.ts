// People as people read them: who did something ("张伟（甲方组长）", "Zhang Wei (Party A leader)")
// from an event's actor, and who owns an obligation (its role's holder and deputy by name), from
// the plan's contact group and the accounts (GET /api/v1/users: an account names its contact).
import { useEffect } from 'preact/hooks';
import { api, unwrap, type Plan, type User } from '../api/client';
import { joinList, type I18n } from '../i18n/i18n';
import { createStore, useStore } from './store';
import { partyName, roleName } from './names';

export interface Actor {
  user?: string;
  party?: string;
  roles?: string[];
}

/** A party's short name: the plan's name before its colon ("甲方", "Party A"). */
export function partyShort(plan: Plan, i18n: I18n, id: string): string {
  const full = partyName(plan, i18n, id);
  return full.split(/[：:]/)[0]?.trim() || id;
}

function contactName(plan: Plan, i18n: I18n, contact: string): string | undefined {
  const c = plan.contacts.find((x) => x.id === contact);
  return c ? i18n.text(c.name) : undefined;
}

/** "甲方组长" / "Party A leader": the party and the first plan role the actor held. */
function capacity(plan: Plan, i18n: I18n, party: string, roles: readonly string[]): string {
  const short = party ? partyShort(plan, i18n, party) : '';
  const role = plan.roles.find((r) => roles.includes(r.id));
  let what = role ? roleName(plan, i18n, role.id) : '';
  if (!what && roles.includes('emergency_contact')) what = i18n.t('contacts_emergency');
  if (i18n.lang === 'zh-CN') return `${short}${what}`;
  return [short, what.charAt(0).toLowerCase() + what.slice(1)].filter(Boolean).join(' ');
}

/**
 * Who acted, by name and capacity: "张伟（甲方组长）", "Zhang Wei (Party A leader)"; a machine
 * ("system:scheduler") is Pactum itself; an account without a plan contact shows its name.
 */
export function actorName(plan: Plan, i18n: I18n, users: readonly User[], actor: Actor): string {
  const id = actor.user ?? '';
  if (id.startsWith('system:')) {
    const source = id.slice(7);
    return i18n.lang === 'zh-CN' ? `${i18n.t('actor_system')}（${source}）` : `${i18n.t('actor_system')} (${source})`;
  }
  const user = users.find((u) => u.id === id);
  const name = (user?.contact && contactName(plan, i18n, user.contact)) || user?.name || id;
  const as = capacity(plan, i18n, actor.party ?? user?.party ?? '', actor.roles ?? user?.roles ?? []);
  if (!as) return name;
  return i18n.lang === 'zh-CN' ? `${name}（${as}）` : `${name} (${as})`;
}

/**
 * Who owns an obligation of `role` for `party` ("any": both parties): each holder and deputy by
 * name, "李娜（负责人）、陈静（副职）" / "Li Na (holder), Chen Jing (deputy)"; the designated
 * emergency contacts for "emergency_contact"; "" when the plan names no one (e.g. role "any").
 */
export function ownerNames(plan: Plan, i18n: I18n, role: string, party: string): string {
  const zh = i18n.lang === 'zh-CN';
  const tag = (name: string, what: string) => (zh ? `${name}（${what}）` : `${name} (${what.toLowerCase()})`);
  const names: string[] = [];
  if (role === 'emergency_contact') {
    for (const c of plan.contacts) {
      if (c.emergency_contact && (party === 'any' || c.party === party)) names.push(i18n.text(c.name));
    }
  } else {
    const holders = plan.roles.find((r) => r.id === role)?.holders ?? [];
    for (const h of holders) {
      if (party !== 'any' && h.party !== party) continue;
      const holder = contactName(plan, i18n, h.holder);
      const deputy = contactName(plan, i18n, h.deputy);
      if (holder) names.push(tag(holder, i18n.t('plan_holder')));
      if (deputy) names.push(tag(deputy, i18n.t('plan_deputy')));
    }
  }
  return joinList(i18n.lang, names);
}

const users = createStore<User[]>([]);
let loading: Promise<void> | null = null;

/** The accounts (to name who acted), loaded once per page load and shared by every page. */
export function useUsers(): readonly User[] {
  const list = useStore(users);
  useEffect(() => {
    loading ??= unwrap(api.GET('/api/v1/users'))
      .then((r) => users.set(r.users))
      .catch(() => {
        loading = null;
      });
  }, []);
  return list;
}
