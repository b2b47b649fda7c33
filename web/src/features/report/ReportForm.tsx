// P1: report an incident. Short enough to fill in on a phone in under a minute; nothing typed is
// lost when the server refuses it (the error appears by the field).
import { useState } from 'preact/hooks';
import { api, unwrap } from '../../api/client';
import { planTimeZone, useI18n } from '../../i18n/i18n';
import { navigate } from '../../lib/router';
import { plan as planStore, session } from '../../lib/session';
import { useStore } from '../../lib/store';
import { withDeadline } from '../../lib/deadline';
import { Field, FormError, Submit, useSubmit } from '../../lib/ui';
import { localNow, toInstant } from '../../lib/instant';

export function ReportForm() {
  const i18n = useI18n();
  const { t, text } = i18n;
  const plan = useStore(planStore);
  const me = useStore(session);
  const zone = planTimeZone();
  const [trigger, setTrigger] = useState(plan?.triggers[0]?.id ?? '');
  const [condition, setCondition] = useState('');
  const [phenomenon, setPhenomenon] = useState('');
  const [scope, setScope] = useState('');
  const [cause, setCause] = useState('');
  const [discovered, setDiscovered] = useState(localNow(zone));
  const [responsible, setResponsible] = useState(me?.party ?? '');
  const [exercise, setExercise] = useState(false);
  const { error, busy, submit } = useSubmit(
    () =>
      unwrap(
        api.POST('/api/v1/incidents', {
          body: {
            trigger,
            ...(condition ? { condition } : {}),
            phenomenon,
            scope,
            cause_guess: cause,
            discovered_at: toInstant(discovered, zone),
            responsible_party: responsible,
            ...(exercise ? { exercise } : {}),
          },
        }),
      ),
    (r) => navigate(`/incidents/${r.incident.id}`),
  );
  if (!plan) return null;
  const category = plan.triggers.find((c) => c.id === trigger);
  return (
    <main class="narrow">
      <form noValidate class="card" onSubmit={submit} aria-labelledby="report-title">
        <h1 id="report-title">{withDeadline(i18n, 'report_title', plan.process.report)}</h1>
        <Field label={t('report_trigger')} field="trigger" error={error}>
          <select
            id="f-trigger"
            value={trigger}
            onChange={(e) => {
              setTrigger(e.currentTarget.value);
              setCondition('');
            }}
          >
            {plan.triggers.map((c) => (
              <option key={c.id} value={c.id}>
                {c.id} {text(c.name)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('report_condition')} field="condition" error={error}>
          <select id="f-condition" value={condition} onChange={(e) => setCondition(e.currentTarget.value)}>
            <option value="">{t('report_condition_any')}</option>
            {category?.conditions.map((c) => (
              <option key={c.id} value={c.id}>
                {text(c.name)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('report_phenomenon')} field="phenomenon" error={error}>
          <textarea
            id="f-phenomenon"
            required
            rows={2}
            value={phenomenon}
            onInput={(e) => setPhenomenon(e.currentTarget.value)}
          />
        </Field>
        <Field label={t('report_scope')} field="scope" error={error}>
          <input id="f-scope" required value={scope} onInput={(e) => setScope(e.currentTarget.value)} />
        </Field>
        <Field label={t('report_cause')} field="cause_guess" error={error}>
          <input id="f-cause_guess" required value={cause} onInput={(e) => setCause(e.currentTarget.value)} />
        </Field>
        <div class="row">
          <Field label={`${t('report_discovered')} (${zone})`} field="discovered_at" error={error}>
            <input
              id="f-discovered_at"
              type="datetime-local"
              required
              value={discovered}
              onInput={(e) => setDiscovered(e.currentTarget.value)}
            />
          </Field>
          <Field label={t('report_responsible')} field="responsible_party" error={error}>
            <select
              id="f-responsible_party"
              value={responsible}
              onChange={(e) => setResponsible(e.currentTarget.value)}
            >
              {plan.parties.map((p) => (
                <option key={p.id} value={p.id}>
                  {text(p.name)}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <label class="exercise-choice">
          <input
            id="f-exercise"
            type="checkbox"
            checked={exercise}
            onChange={(e) => setExercise(e.currentTarget.checked)}
          />{' '}
          {t('exercise_report')}
        </label>
        <FormError
          error={error}
          fields={['trigger', 'condition', 'phenomenon', 'scope', 'cause_guess', 'discovered_at', 'responsible_party']}
        />
        <Submit busy={busy} label={t('report_submit')} />
      </form>
    </main>
  );
}
