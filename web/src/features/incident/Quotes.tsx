// S3: a major incident's quotes step. Quotes are recorded one by one — a supplier from the
// register or one named here, the amount, how long it holds, evidence — then one is chosen with
// a reason, which completes the step. The comparison is the incident's own `quotes`, as the API
// keeps it; amounts are shown in yuan and sent in fen (integers, never fractions).
import { useEffect, useState } from 'preact/hooks';
import { api, unwrap, type IncidentDetail } from '../../api/client';
import { planTimeZone, useI18n } from '../../i18n/i18n';
import { fenOf, yuanOf } from '../../lib/money';
import { Field, FormError, Submit, useSubmit } from '../../lib/ui';
import { toInstant } from '../../lib/instant';

type Done = (incident: IncidentDetail) => void;
type Register = { id: string; name: { zh: string; en: string } }[];
const OTHER = ''; // the select's value for a supplier not on the register

export function QuotesStep(props: { incident: IncidentDetail; step: string; done: Done }) {
  const { t, text, time } = useI18n();
  const [register, setRegister] = useState<Register>([]);
  useEffect(() => {
    unwrap(api.GET('/api/v1/suppliers'))
      .then((r) => setRegister(r.suppliers))
      .catch(() => setRegister([]));
  }, []);
  const comparison = (props.incident.quotes ?? []).find((q) => q.step === props.step);
  const quotes = comparison?.quotes ?? [];
  return (
    <div class="quotes">
      <p class="meta">
        {t('quotes_needed')}: {quotes.length} / {comparison?.needed ?? '—'}
      </p>
      {quotes.length > 0 && (
        <table class="quotes-table">
          <thead>
            <tr>
              <th>{t('quotes_supplier')}</th>
              <th>{t('quotes_amount')}</th>
              <th>{t('quotes_valid_until')}</th>
              <th>{t('step_evidence')}</th>
            </tr>
          </thead>
          <tbody>
            {quotes.map((q) => (
              <tr
                key={q.supplier || text(q.name)}
                class={comparison?.chosen?.supplier === (q.supplier || text(q.name)) ? 'chosen' : ''}
              >
                <td>
                  {text(q.name)}
                  {q.on_register ? '' : ` (${t('quotes_not_on_register')})`}
                </td>
                <td class="amount">¥{yuanOf(q.amount)}</td>
                <td>{time(q.valid_until, false)}</td>
                <td>{q.evidence.map((e) => e.text).join(' · ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {comparison?.chosen ? (
        <p class="meta">
          {t('quotes_chosen')}: {comparison.chosen.supplier} — {comparison.chosen.reason}
        </p>
      ) : (
        <>
          <QuoteForm incident={props.incident} step={props.step} register={register} done={props.done} />
          {quotes.length > 0 && (
            <ChooseForm incident={props.incident} step={props.step} quotes={quotes} done={props.done} />
          )}
        </>
      )}
    </div>
  );
}

function QuoteForm(props: { incident: IncidentDetail; step: string; register: Register; done: Done }) {
  const { t, text } = useI18n();
  const [supplier, setSupplier] = useState(OTHER);
  const [name, setName] = useState('');
  const [amount, setAmount] = useState('');
  const [validUntil, setValidUntil] = useState('');
  const [evidence, setEvidence] = useState('');
  const { error, busy, submit } = useSubmit(
    () =>
      unwrap(
        api.POST('/api/v1/incidents/{id}/steps/{step}/quotes', {
          params: { path: { id: props.incident.id, step: props.step } },
          body: {
            ...(supplier !== OTHER ? { supplier } : { supplier_name: name }),
            amount: fenOf(amount) ?? -1, // the server names `amount` when it is not one
            valid_until: validUntil ? toInstant(validUntil, planTimeZone()) : '',
            evidence: [{ kind: 'record', text: evidence }],
          },
        }),
      ).then((r) => r.incident),
    props.done,
    {
      confirm: t('done_quote'),
      reset: () => {
        setSupplier(OTHER);
        setName('');
        setAmount('');
        setValidUntil('');
        setEvidence('');
      },
      labels: {
        supplier: t('quotes_supplier'),
        supplier_name: t('quotes_supplier_name'),
        amount: t('quotes_amount_yuan'),
        valid_until: t('quotes_valid_until'),
        evidence: t('step_evidence'),
      },
    },
  );
  return (
    <form noValidate onSubmit={submit} class="command" aria-label={t('quotes_add')}>
      <Field label={t('quotes_supplier')} field="supplier" error={error}>
        <select id="f-supplier" value={supplier} onChange={(e) => setSupplier(e.currentTarget.value)}>
          {props.register.map((s) => (
            <option key={s.id} value={s.id}>
              {text(s.name)}
            </option>
          ))}
          <option value={OTHER}>{t('quotes_other_supplier')}</option>
        </select>
      </Field>
      {supplier === OTHER && (
        <Field label={t('quotes_supplier_name')} field="supplier_name" error={error}>
          <input id="f-supplier_name" required value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </Field>
      )}
      <Field label={t('quotes_amount_yuan')} field="amount" error={error}>
        <input
          id="f-amount"
          required
          inputMode="decimal"
          value={amount}
          onInput={(e) => setAmount(e.currentTarget.value)}
        />
      </Field>
      <Field label={t('quotes_valid_until')} field="valid_until" error={error}>
        <input
          id="f-valid_until"
          type="datetime-local"
          required
          value={validUntil}
          onInput={(e) => setValidUntil(e.currentTarget.value)}
        />
      </Field>
      <Field label={t('evidence_text')} field="evidence" error={error}>
        <input id="f-evidence" required value={evidence} onInput={(e) => setEvidence(e.currentTarget.value)} />
      </Field>
      <FormError error={error} fields={['supplier', 'supplier_name', 'amount', 'valid_until', 'evidence']} />
      <Submit busy={busy} label={t('quotes_add')} />
    </form>
  );
}

function ChooseForm(props: {
  incident: IncidentDetail;
  step: string;
  quotes: { supplier: string; name: { zh: string; en: string } }[];
  done: Done;
}) {
  const { t, text } = useI18n();
  const key = (q: { supplier: string; name: { zh: string; en: string } }) => q.supplier || q.name.zh;
  const [supplier, setSupplier] = useState(props.quotes[0] ? key(props.quotes[0]) : '');
  const [reason, setReason] = useState('');
  const { error, busy, submit } = useSubmit(
    () =>
      unwrap(
        api.POST('/api/v1/incidents/{id}/steps/{step}/quotes/choose', {
          params: { path: { id: props.incident.id, step: props.step } },
          body: { supplier, reason },
        }),
      ).then((r) => r.incident),
    props.done,
    { confirm: t('done_step'), labels: { supplier: t('quotes_supplier'), reason: t('reason') } },
  );
  return (
    <form noValidate onSubmit={submit} class="command" aria-label={t('quotes_choose')}>
      <Field label={t('quotes_supplier')} field="supplier" error={error}>
        <select id="f-choose-supplier" value={supplier} onChange={(e) => setSupplier(e.currentTarget.value)}>
          {props.quotes.map((q) => (
            <option key={key(q)} value={key(q)}>
              {text(q.name)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('reason')} field="reason" error={error}>
        <textarea
          id="f-choose-reason"
          rows={2}
          required
          value={reason}
          onInput={(e) => setReason(e.currentTarget.value)}
        />
      </Field>
      <FormError error={error} fields={['supplier', 'reason']} />
      <Submit busy={busy} label={t('quotes_choose')} />
    </form>
  );
}
