// Plan ids as people read them: role ids, party ids and party selectors by their names.
import type { Plan } from '../api/client';
import type { I18n } from '../i18n/i18n';

export function roleName(plan: Plan, i18n: I18n, id: string): string {
  if (id === 'any') return i18n.t('role_any');
  if (id === 'emergency_contact') return i18n.t('contacts_emergency');
  const role = plan.roles.find((r) => r.id === id);
  return role ? i18n.text(role.name) : id;
}

export function partyName(plan: Plan, i18n: I18n, selector: string): string {
  switch (selector) {
    case 'any':
      return i18n.t('party_any');
    case 'responsible':
      return i18n.t('incident_responsible_party');
    case 'reporting':
      return i18n.t('incident_reporting_party');
    case 'partner':
      return i18n.t('party_partner');
  }
  const party = plan.parties.find((p) => p.id === selector);
  return party ? i18n.text(party.name) : selector;
}

/** "甲方：华东示例科技有限公司" → "甲方", "Party A: East China …" → "Party A"; else the whole name. */
export function partyShort(name: string): string {
  const m = /^([^：:]{1,16})[：:]/.exec(name);
  return m ? m[1]!.trim() : name;
}
