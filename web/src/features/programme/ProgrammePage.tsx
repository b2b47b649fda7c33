// 预案执行: every duty of a year (the current one by default, past years selectable) by rule and
// period, with its state, owner, due instant and the records that met it; filters by party and
// rule; the figures a regulator asks for, as the server computed them; CSV and JSON export (the
// API's own answer, so a download and `curl` give the same file).
import { useEffect, useState } from 'preact/hooks';
import { api, unwrap, type Plan } from '../../api/client';
import { useI18n, type I18n } from '../../i18n/i18n';
import { partyName, partyShort, roleName } from '../../lib/names';
import { plan as planStore } from '../../lib/session';
import { useStore } from '../../lib/store';
import { Field, FormError, Section, Submit, useSubmit } from '../../lib/ui';
import { SupplierWarning, useRegister } from '../../lib/suppliers';
import { drillKindName } from './DrillsPage';
import {
  filterDuties,
  isWaivable,
  type WaivableRule,
  planProgramme,
  recordHref,
  rulesOf,
  yearsFrom,
  type Duty,
  type Figures,
} from './model';
import { ProgrammeNav } from './shared';
import { DutyBadge } from '../../lib/duties';
import { bumpRecorded, useLive } from '../../lib/useLive';

type StringKey = Parameters<I18n['t']>[0];

function ruleName(i18n: I18n, rule: string): string {
  const key = `rule_${rule}` as StringKey;
  const name = i18n.t(key);
  return name ? `${rule} ${name}` : rule;
}

type Answer = { year: number; duties: Duty[]; figures: Figures };

/** The year's duties and figures; without a year, the server's current year (its clock decides). */
function useProgramme(year: number | null): Answer | null {
  const answer = useLive(
    (asked) =>
      unwrap(api.GET('/api/v1/programme', { params: { query: asked === null ? {} : { year: asked } } })).then(
        (a) => a as Answer,
      ), // JSON: the CSV is asked for with format=csv
    year,
  );
  return answer && (year === null || answer.year === year) ? answer : null;
}

function FiguresSection(props: { figures: Figures; plan: Plan }) {
  const i18n = useI18n();
  const { t, time } = i18n;
  const f = props.figures;
  const yearRate = f.assessed ? Math.floor((f.passed * 100) / f.assessed) : null;
  return (
    <Section title={t('programme_figures')} class="card figures">
      <div class="figure-grid">
        <div>
          <h3>{t('programme_drills_by_kind')}</h3>
          <dl class="facts" data-figure="drills">
            {Object.entries(f.drills_by_kind).map(([kind, n]) => [
              <dt key={`${kind}-k`}>{drillKindName(i18n, kind)}</dt>,
              <dd key={`${kind}-n`} data-kind={kind}>
                {n}
              </dd>,
            ])}
          </dl>
        </div>
        <div>
          <h3>{t('programme_overdue')}</h3>
          <p class={`big ${f.duties.breached ? 'overdue' : 'ok'}`} data-figure="overdue">
            {f.duties.breached}
          </p>
          <p class="meta">
            {t('duty_met')} {f.duties.met} · {t('duty_open')} {f.duties.open} · {t('duty_waived')} {f.duties.waived}
          </p>
        </div>
        <div>
          <h3>{t('programme_pass_rates')}</h3>
          {f.pass_rates.length === 0 ? (
            <p class="muted">{t('programme_no_assessment')}</p>
          ) : (
            <ul class="plain" data-figure="pass-rates">
              {f.pass_rates.map((r) => (
                <li key={r.record} class={r.below ? 'error' : ''}>
                  <a href={recordHref(r.record) ?? undefined}>{r.record}</a> {time(r.held_at, false)}: {r.passed}/
                  {r.assessed} = {r.percent} %{r.below && ` · ${t('programme_below')}`}
                </li>
              ))}
            </ul>
          )}
          <p class="meta">
            {yearRate !== null && `${t('programme_pass_year')} ${f.passed}/${f.assessed} = ${yearRate} % · `}
            {t('programme_pass_threshold')} {f.pass_threshold} %
          </p>
        </div>
      </div>
      <h3>{t('programme_coverage')}</h3>
      <table class="coverage" data-figure="coverage">
        <thead>
          <tr>
            <th>{t('contacts_roles')}</th>
            <th>{t('programme_coverage_people')}</th>
            <th>{t('programme_coverage_trained')}</th>
            <th>{t('programme_coverage_refreshed')}</th>
          </tr>
        </thead>
        <tbody>
          {f.training_coverage.map((c) => (
            <tr key={c.role}>
              <td>{roleName(props.plan, i18n, c.role)}</td>
              <td>{c.people}</td>
              <td class={c.trained < c.people ? 'short' : ''}>{c.trained}</td>
              <td class={c.refreshed < c.people ? 'short' : ''}>{c.refreshed}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

function DutyRow(props: { duty: Duty; plan: Plan }) {
  const i18n = useI18n();
  const { text, time } = i18n;
  const d = props.duty;
  return (
    <tr class={`duty state-${d.state}`} data-rule={d.rule} data-period={d.period} data-subject={d.subject}>
      <td>
        <span class="rule">{d.rule}</span>
      </td>
      <td class="nowrap">{d.period}</td>
      <td>
        {text(d.title)}
        {d.required > 1 && (
          <small class="meta">
            {' '}
            ({d.done}/{d.required})
          </small>
        )}
      </td>
      <td>
        {d.owner_role ? roleName(props.plan, i18n, d.owner_role) : '—'}
        <small class="meta" title={partyName(props.plan, i18n, d.owner_party)}>
          {' '}
          · {partyShort(partyName(props.plan, i18n, d.owner_party))}
        </small>
      </td>
      <td class="nowrap">{time(d.due, false)}</td>
      <td>
        <DutyBadge duty={d} />
        {d.waiver_reason && <small class="meta"> {d.waiver_reason}</small>}
        {(d.state === 'open' || d.state === 'breached') && isWaivable(d.rule) && <WaiveDuty duty={d} rule={d.rule} />}
      </td>
      <td>
        {d.met_by.map((id) => {
          const href = recordHref(id);
          return href ? (
            <a key={id} href={href} class="record-link">
              {id}
            </a>
          ) : (
            <span key={id}>{id}</span>
          );
        })}
      </td>
    </tr>
  );
}

export function ProgrammePage() {
  const i18n = useI18n();
  const { t, text } = i18n;
  const plan = useStore(planStore);
  const [chosen, setYear] = useState<number | null>(null);
  const [current, setCurrent] = useState<number | null>(null);
  const [party, setParty] = useState('');
  const [rule, setRule] = useState('');
  const answer = useProgramme(chosen);
  const register = useRegister();
  useEffect(() => {
    if (current === null && answer) setCurrent(answer.year);
  }, [answer, current]);
  if (!plan || !answer || current === null)
    return (
      <main>
        <ProgrammeNav />
        <p class="muted">{t('loading')}</p>
      </main>
    );
  const year = answer.year;
  const firstYear = Number(planProgramme(plan).agreement.starts?.slice(0, 4)) || current;
  const shown = filterDuties(answer.duties, { party, rule });
  const exportUrl = (format: string) => `/api/v1/programme?year=${year}&format=${format}`;
  return (
    <main class="programme">
      <ProgrammeNav />
      <h1>
        {t('programme_title')} {year}
      </h1>
      <SupplierWarning register={register} />
      <form noValidate class="inline filters no-print" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('programme_year')}{' '}
          <select id="f-year" value={year} onChange={(e) => setYear(Number(e.currentTarget.value))}>
            {yearsFrom(firstYear, current).map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('programme_party')}{' '}
          <select id="f-party" value={party} onChange={(e) => setParty(e.currentTarget.value)}>
            <option value="">{t('programme_all')}</option>
            {plan.parties.map((p) => (
              <option key={p.id} value={p.id}>
                {partyShort(text(p.name))}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('programme_rule')}{' '}
          <select id="f-rule" value={rule} onChange={(e) => setRule(e.currentTarget.value)}>
            <option value="">{t('programme_all')}</option>
            {rulesOf(answer.duties).map((r) => (
              <option key={r} value={r}>
                {ruleName(i18n, r)}
              </option>
            ))}
          </select>
        </label>
        <a class="button" href={exportUrl('csv')} download={`programme-${year}.csv`}>
          {t('programme_export_csv')}
        </a>
        <a class="button" href={exportUrl('json')} download={`programme-${year}.json`}>
          {t('programme_export_json')}
        </a>
      </form>
      <FiguresSection figures={answer.figures} plan={plan} />
      <Section title={`${t('programme_duties')} (${shown.length})`}>
        {shown.length === 0 ? (
          <p class="muted">{t('programme_no_duties')}</p>
        ) : (
          <table class="duties">
            <thead>
              <tr>
                <th>{t('programme_rule')}</th>
                <th>{t('programme_period')}</th>
                <th>{t('programme_duty')}</th>
                <th>{t('programme_owner')}</th>
                <th>{t('due_at')}</th>
                <th>{t('programme_state')}</th>
                <th>{t('programme_met_by')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((d) => (
                <DutyRow key={`${d.rule}/${d.period}/${d.subject}`} duty={d} plan={plan} />
              ))}
            </tbody>
          </table>
        )}
      </Section>
    </main>
  );
}

// A duty the parties agree not to hold, with the reason (a role of the plan's
// `permissions.waive_duty`; the server says who may).
function WaiveDuty(props: { duty: Duty; rule: WaivableRule }) {
  const { t } = useI18n();
  const d = props.duty;
  const [reason, setReason] = useState('');
  const { error, busy, submit } = useSubmit(
    () =>
      unwrap(
        api.POST('/api/v1/programme/waivers', {
          body: { rule: props.rule, period: d.period, ...(d.subject ? { subject: d.subject } : {}), reason },
        }),
      ),
    () => bumpRecorded(),
  );
  const key = `${d.rule}-${d.period}-${d.subject}`;
  return (
    <details class="waive-duty">
      <summary>{t('duty_waive')}</summary>
      <form
        noValidate
        onSubmit={submit}
        class="command"
        aria-label={`${t('duty_waive')} ${d.rule} ${d.period} ${d.subject}`}
      >
        <Field label={t('reason')} field="reason" error={error}>
          <input id={`f-reason-${key}`} required value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
        </Field>
        <FormError error={error} fields={['reason']} />
        <Submit busy={busy} label={t('duty_waive')} />
      </form>
    </details>
  );
}
