// The plan in force: its versions and their signatures, roles and holders, contacts, triggers,
// the clocks, the matrix, the levels with their steps and deadlines.
import type { Plan } from '../../api/client';
import { fill, joinList, useI18n, type I18n } from '../../i18n/i18n';
import { plan as planStore } from '../../lib/session';
import { useStore } from '../../lib/store';
import { partyName, roleName } from '../../lib/names';
import { Section } from '../../lib/ui';
import { Versions } from './Versions';
import { deadlineWords, durationWords } from '../../lib/deadline';
import { RuleTag } from '../../lib/ruleTag';

function name(plan: Plan, i18n: I18n, contact: string) {
  const c = plan.contacts.find((x) => x.id === contact);
  return c ? i18n.text(c.name) : contact;
}

export function PlanPage() {
  const i18n = useI18n();
  const { t, text, lang } = i18n;
  const plan = useStore(planStore);
  if (!plan) return <p class="muted">{t('loading')}</p>;
  return (
    <main>
      <h1>
        {text(plan.title)}{' '}
        <small>
          {t('plan_version')} {plan.version}
        </small>
      </h1>
      <Versions />
      <Section title={t('plan_roles')}>
        <table>
          <thead>
            <tr>
              <th />
              <th>{t('contacts_roles')}</th>
              {plan.parties.map((p) => (
                <th key={p.id}>{text(p.name)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {plan.roles.map((r) => (
              <tr key={r.id}>
                <th scope="row">{text(r.name)}</th>
                <td>{text(r.duties)}</td>
                {plan.parties.map((p) => {
                  const h = r.holders.find((x) => !x.party || x.party === p.id);
                  return (
                    <td key={p.id}>
                      {h ? `${name(plan, i18n, h.holder)} (${t('plan_deputy')}: ${name(plan, i18n, h.deputy)})` : '—'}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      <Section title={t('plan_triggers')}>
        <ul class="plain">
          {plan.triggers.map((c) => (
            <li key={c.id}>
              <strong>
                <RuleTag rule={c.id} name={text(c.name)} /> {text(c.name)}
              </strong>
              <ul>
                {c.conditions.map((x) => (
                  <li key={x.id}>
                    {text(x.name)}
                    {x.alert && (
                      <span class="meta">
                        {' '}
                        · {t('plan_alert')}: {x.alert.match.join(', ')}
                        {!/^0[a-z]+$/.test(x.alert.for) &&
                          ` ${fill(t('plan_alert_for'), { duration: durationWords(i18n.lang, x.alert.for) })}`}{' '}
                        → {x.alert.level}
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </Section>
      <Section title={t('plan_process')}>
        <ul class="plain">
          <li>
            <RuleTag rule="P1" name={t('plan_report_deadline')} /> {t('plan_report_deadline')}:{' '}
            {deadlineWords(i18n, plan.process.report)}
          </li>
          <li>
            <RuleTag rule="P2" name={t('plan_sync_deadline')} /> {t('plan_sync_deadline')}:{' '}
            {deadlineWords(i18n, plan.process.sync)}
          </li>
          <li>
            <RuleTag rule="P3" name={t('plan_assess_deadline')} /> {t('plan_assess_deadline')}:{' '}
            {deadlineWords(i18n, plan.process.assess)}
          </li>
        </ul>
      </Section>
      <Section title={t('plan_levels')}>
        <p class="meta">
          <RuleTag rule="L4" name={t('rule_L4')} /> {t('plan_level_change')}
        </p>
        {plan.levels.map((l) => (
          <article key={l.id} class={`level-block level-${l.id}`}>
            <h3>
              <RuleTag rule={l.id} name={text(l.name)} /> {text(l.name)} <small>{text(l.example)}</small>
            </h3>
            <ol>
              {l.steps.map((s) => (
                <li key={s.id}>
                  {text(s.name)}{' '}
                  <span class="meta">
                    · {t('step_owner')}: {roleName(plan, i18n, s.owner.role)} ({partyName(plan, i18n, s.owner.party)}) ·{' '}
                    {t('due_at')}: {deadlineWords(i18n, s.due)}
                    {!s.mandatory && ` · ${t('step_optional')}`}
                  </span>
                </li>
              ))}
            </ol>
            {l.resources.length > 0 && (
              <p class="meta">
                {t('plan_resources')}:{' '}
                {joinList(
                  lang,
                  l.resources.map((r) => text(r)),
                  true,
                )}
              </p>
            )}
          </article>
        ))}
      </Section>
    </main>
  );
}
