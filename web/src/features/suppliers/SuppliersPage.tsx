// 备选供应商 (S1, S2): the plan's register with contact, scope and price (and the S1 warning when
// it lists fewer than the plan requires), this year's S2 duty, the integration tests recorded,
// and the form with which the technical lead records one.
import { useState } from 'preact/hooks';
import { api, unwrap, type Plan, type User } from '../../api/client';
import { fill, planTimeZone, useI18n } from '../../i18n/i18n';
import { plan as planStore, session } from '../../lib/session';
import { useStore } from '../../lib/store';
import { Disclosure, Field, FormError, Section, Submit, useSubmit } from '../../lib/ui';
import { localNow } from '../../lib/instant';
import { DutyBadge, useDuties } from '../../lib/duties';
import { localized } from '../../lib/errors';
import { scrollIfSelected } from '../../lib/records';
import { bumpRecorded, useLive } from '../../lib/useLive';
import { SupplierTable, SupplierWarning, useRegister, type Register } from '../../lib/suppliers';

type Tests = { every: string; times: number; owner: { role: string } };

function integrationTests(plan: Plan): Tests {
  return (plan.suppliers as unknown as { integration_tests: Tests }).integration_tests;
}

/** Whether `user` holds the role that records integration tests (the server decides). */
function mayRecord(plan: Plan, user: User): boolean {
  return user.roles.includes(integrationTests(plan).owner.role);
}

const useTests = () => useLive(() => unwrap(api.GET('/api/v1/suppliers/tests')).then((r) => r.tests));

function TestForm(props: { register: Register }) {
  const i18n = useI18n();
  const { t, text } = i18n;
  const [supplier, setSupplier] = useState(props.register.suppliers[0]?.id ?? '');
  const [date, setDate] = useState(() => localNow(planTimeZone()).slice(0, 10));
  const [scope, setScope] = useState('');
  const [result, setResult] = useState<'passed' | 'failed'>('passed');
  const [evidence, setEvidence] = useState('');
  const [recorded, setRecorded] = useState('');
  const labels = {
    supplier: t('suppliers_name'),
    date: t('suppliers_test_date'),
    scope: t('suppliers_test_scope'),
    result: t('suppliers_test_result'),
    evidence: t('suppliers_test_evidence'),
  };
  const { error, busy, submit } = useSubmit(
    localized(i18n, labels, () =>
      unwrap(
        api.POST('/api/v1/suppliers/tests', {
          body: { supplier, date, scope, result, evidence: [{ kind: 'record', text: evidence }] },
        }),
      ),
    ),
    (r) => {
      setRecorded(r.id);
      setScope('');
      setEvidence('');
      bumpRecorded();
    },
  );
  return (
    <form noValidate onSubmit={submit} class="command" aria-label={t('suppliers_test_record')}>
      <div class="row">
        <Field label={t('suppliers_name')} field="supplier" error={error}>
          <select id="f-supplier" value={supplier} onChange={(e) => setSupplier(e.currentTarget.value)}>
            {props.register.suppliers.map((s) => (
              <option key={s.id} value={s.id}>
                {s.id} {text(s.name)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('suppliers_test_date')} field="date" error={error}>
          <input id="f-date" type="date" required value={date} onInput={(e) => setDate(e.currentTarget.value)} />
        </Field>
        <Field label={t('suppliers_test_result')} field="result" error={error}>
          <select
            id="f-result"
            value={result}
            onChange={(e) => setResult(e.currentTarget.value as 'passed' | 'failed')}
          >
            <option value="passed">{t('suppliers_test_passed')}</option>
            <option value="failed">{t('suppliers_test_failed')}</option>
          </select>
        </Field>
      </div>
      <Field label={t('suppliers_test_scope')} field="scope" error={error}>
        <input id="f-scope" required value={scope} onInput={(e) => setScope(e.currentTarget.value)} />
      </Field>
      <Field label={t('suppliers_test_evidence')} field="evidence" error={error}>
        <input id="f-evidence" required value={evidence} onInput={(e) => setEvidence(e.currentTarget.value)} />
      </Field>
      <FormError error={error} fields={Object.keys(labels)} />
      {recorded && !error && (
        <output class="ok">
          {t('records_recorded')}: <a href={`#/suppliers/${recorded}`}>{recorded}</a>
        </output>
      )}
      <Submit busy={busy} label={t('suppliers_test_submit')} />
    </form>
  );
}

export function SuppliersPage(props: { selected?: string }) {
  const { t, text } = useI18n();
  const plan = useStore(planStore);
  const me = useStore(session);
  const register = useRegister();
  const tests = useTests();
  const duties = useDuties('S2');
  if (!plan || !me || !register || !tests)
    return (
      <main>
        <p class="muted">{t('loading')}</p>
      </main>
    );
  const rules = integrationTests(plan);
  const name = (id: string) => {
    const s = register.suppliers.find((x) => x.id === id);
    return s ? text(s.name) : id;
  };
  const duty = duties?.[duties.length - 1];
  return (
    <main class="suppliers-page">
      <h1>{t('suppliers_title')}</h1>
      <p class="meta">{fill(t('suppliers_rule'), { required: register.required, times: rules.times })}</p>
      <SupplierWarning register={register} />
      <Section title={`${t('suppliers_listed')} (${register.listed}/${register.required})`}>
        <SupplierTable register={register} />
      </Section>
      <Section title={`${t('suppliers_tests')} (${tests.length})`} class="card supplier-tests">
        {duty && (
          <p class="meta" data-duty="S2">
            {t('suppliers_duty')} {duty.period}: {duty.done}/{duty.required} <DutyBadge duty={duty} />
          </p>
        )}
        {mayRecord(plan, me) && (
          <Disclosure summary={t('suppliers_test_record')} open={tests.length === 0}>
            <TestForm register={register} />
          </Disclosure>
        )}
        {tests.length === 0 ? (
          <p class="muted">{t('suppliers_tests_none')}</p>
        ) : (
          <table class="tests">
            <thead>
              <tr>
                <th>{t('suppliers_test_date')}</th>
                <th>{t('suppliers_name')}</th>
                <th>{t('suppliers_test_scope')}</th>
                <th>{t('suppliers_test_result')}</th>
                <th>{t('suppliers_test_evidence')}</th>
              </tr>
            </thead>
            <tbody>
              {[...tests].reverse().map((x) => (
                <tr
                  key={x.id}
                  id={x.id}
                  class={props.selected === x.id ? 'selected' : ''}
                  data-test={x.id}
                  ref={scrollIfSelected(props.selected === x.id)}
                >
                  <td class="nowrap">
                    <span class="rule">{x.id}</span> {x.date}
                  </td>
                  <td>{name(x.supplier)}</td>
                  <td>{x.scope}</td>
                  <td>
                    <span class={`badge ${x.result === 'passed' ? 'met' : 'breached'}`}>
                      {t(x.result === 'passed' ? 'suppliers_test_passed' : 'suppliers_test_failed')}
                    </span>
                  </td>
                  <td>{x.evidence.map((e) => e.text).join(' · ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
    </main>
  );
}
