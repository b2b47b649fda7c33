// Only what the reader may do (C3): the incident detail says, for them, whether each act is
// allowed now — answered by the very checks the API enforces (docs/openapi.yaml,
// IncidentPermissions). A form is offered when it is; when the refusal is for permission, the
// form is not offered and a line says who does it instead ("属于甲方技术负责人（李娜，副手陈静）");
// a refusal for the incident's state hides the form (or, where the reader needs to know why, says it).
import type { ComponentChildren } from 'preact';
import { ApiError, type Plan, type Schemas } from '../../api/client';
import { fill, joinList, useI18n, type I18n } from '../../i18n/i18n';
import { errorText, roleOfParty } from '../../lib/errors';

export type Permit = Schemas['Permit'];

/** "甲方技术负责人（李娜，副手陈静）或乙方组长（王强）": each role with its party and people. */
export function whoMay(permit: Permit, plan: Plan | null, i18n: I18n): string {
  const zh = i18n.lang === 'zh-CN';
  return (permit.who ?? [])
    .map((w) => {
      const role = roleOfParty(plan, i18n, w.role, w.party);
      const holders = w.people.filter((p) => !p.deputy).map((p) => i18n.text(p.name) || p.contact);
      const deputies = w.people.filter((p) => p.deputy).map((p) => i18n.text(p.name) || p.contact);
      const people = [
        joinList(i18n.lang, holders),
        deputies.length ? `${i18n.t('permit_deputy')}${zh ? '' : ' '}${joinList(i18n.lang, deputies)}` : '',
      ]
        .filter((x) => x)
        .join(zh ? '，' : '; ');
      if (!people) return role;
      return zh ? `${role}（${people}）` : `${role} (${people})`;
    })
    .join(i18n.t('permit_or'));
}

/** Why the reader may not: who does it, for a refusal for permission; else the refusal itself. */
export function refusalText(permit: Permit, plan: Plan | null, i18n: I18n): string {
  if (permit.code === 'permission_denied' && permit.who?.length) {
    return fill(i18n.t('permit_belongs'), { who: whoMay(permit, plan, i18n) });
  }
  const e = new ApiError(0, permit.code ?? 'internal', permit.message ?? '', undefined, permit.reason, permit.params);
  return errorText(e, i18n, { plan });
}

/**
 * The children when `permit` allows (or is absent); otherwise who may, for a refusal for
 * permission, the refusal itself with `explain`, or nothing.
 */
export function Permitted(props: {
  permit: Permit | undefined;
  plan: Plan | null;
  explain?: boolean;
  children: ComponentChildren;
}) {
  const i18n = useI18n();
  const p = props.permit;
  if (!p || p.may) return <>{props.children}</>;
  if (p.code !== 'permission_denied' && !props.explain) return null;
  return (
    <p class="permit-denied" data-reason={p.reason}>
      {refusalText(p, props.plan, i18n)}
    </p>
  );
}
