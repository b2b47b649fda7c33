// F2 and F3: the fund's ledger (every deposit, adjustment and paid disbursement, the newest
// first), the form that records a deposit or an adjustment with its reason, and the half-yearly
// reconciliation against the bank statement with the difference it flagged until adjustments
// make it up.
import { useState } from 'preact/hooks';
import { api, unwrap } from '../../api/client';
import { fill, planTimeZone, useI18n, type I18n } from '../../i18n/i18n';
import { moneyOf } from '../../lib/money';
import { Field, FormError, Submit, useSubmit } from '../../lib/ui';
import { localNow, toInstant } from '../../lib/instant';
import { localized } from '../../lib/errors';
import { contactName, type Roster } from '../../lib/roster';
import { bumpRecorded } from '../../lib/useLive';
import { fenOrRefuse, type Movement, type Reconciliation } from './model';

type Kind = 'deposit' | 'adjustment';

function kindName(i18n: I18n, kind: Movement['kind']): string {
  const keys = {
    deposit: 'fund_kind_deposit',
    adjustment: 'fund_kind_adjustment',
    disbursement: 'fund_kind_disbursement',
  } as const;
  return i18n.t(keys[kind]);
}

export function MovementsTable(props: { movements: Movement[]; currency: string; roster: Roster | null }) {
  const i18n = useI18n();
  const { t, time } = i18n;
  if (props.movements.length === 0) return <p class="muted">{t('fund_movements_none')}</p>;
  return (
    <table class="movements">
      <thead>
        <tr>
          <th>{t('fund_occurred_at')}</th>
          <th>{t('fund_kind')}</th>
          <th class="amount">{t('fund_amount')}</th>
          <th>{t('fund_counterparty')}</th>
          <th>{t('fund_purpose')}</th>
          <th>{t('fund_reference')}</th>
          <th>{t('fund_by')}</th>
        </tr>
      </thead>
      <tbody>
        {[...props.movements].reverse().map((m) => {
          // A disbursement takes money out: shown as the negative it is for the balance.
          const signed = m.kind === 'disbursement' ? -m.amount : m.amount;
          return (
            <tr key={`${m.kind}-${m.reference}`} class={`movement kind-${m.kind}`} data-reference={m.reference}>
              <td class="nowrap">{time(m.occurred_at, false)}</td>
              <td class="nowrap">{kindName(i18n, m.kind)}</td>
              <td class={`amount${signed < 0 ? ' out' : ''}`}>{moneyOf(signed, props.currency)}</td>
              <td>{m.counterparty}</td>
              <td>
                {m.purpose}
                {m.disbursement && (
                  <>
                    {' '}
                    (<a href={`#/fund/${m.disbursement}`}>{m.disbursement}</a>)
                  </>
                )}
                {m.evidence && <small class="meta"> · {m.evidence}</small>}
              </td>
              <td class="nowrap">{m.reference}</td>
              <td class="nowrap">{contactName(i18n, props.roster, m.by)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function MovementForm() {
  const i18n = useI18n();
  const { t } = i18n;
  const zone = planTimeZone();
  const [kind, setKind] = useState<Kind>('deposit');
  const [amount, setAmount] = useState('');
  const [occurredAt, setOccurredAt] = useState(() => localNow(zone));
  const [counterparty, setCounterparty] = useState('');
  const [purpose, setPurpose] = useState('');
  const [reference, setReference] = useState('');
  const [evidence, setEvidence] = useState('');
  const labels = {
    kind: t('fund_kind'),
    amount: t('fund_amount_yuan'),
    occurred_at: t('fund_occurred_at'),
    counterparty: t('fund_counterparty'),
    purpose: t('fund_purpose_or_reason'),
    reference: t('fund_reference'),
    evidence: t('fund_evidence'),
    currency: t('fund_currency'),
  };
  const { error, busy, submit } = useSubmit(
    () => {
      const fen = fenOrRefuse(amount, 'amount', t('money_invalid'), kind === 'adjustment');
      return localized(i18n, labels, () =>
        unwrap(
          api.POST('/api/v1/fund/movements', {
            body: {
              kind,
              amount: fen,
              occurred_at: toInstant(occurredAt, zone),
              purpose,
              reference,
              ...(counterparty ? { counterparty } : {}),
              ...(evidence ? { evidence } : {}),
            },
          }),
        ),
      )();
    },
    () => {
      setAmount('');
      setPurpose('');
      setReference('');
      setEvidence('');
      bumpRecorded();
    },
  );
  return (
    <form noValidate onSubmit={submit} class="command" aria-label={t('fund_movement_record')}>
      <div class="row">
        <Field label={t('fund_kind')} field="kind" error={error}>
          <select id="f-kind" value={kind} onChange={(e) => setKind(e.currentTarget.value as Kind)}>
            <option value="deposit">{t('fund_kind_deposit')}</option>
            <option value="adjustment">{t('fund_kind_adjustment')}</option>
          </select>
        </Field>
        <Field
          label={t('fund_amount_yuan')}
          field="amount"
          error={error}
          hint={kind === 'adjustment' ? t('fund_adjustment_hint') : undefined}
        >
          <input
            id="f-amount"
            required
            inputMode="decimal"
            value={amount}
            onInput={(e) => setAmount(e.currentTarget.value)}
          />
        </Field>
        <Field label={`${t('fund_occurred_at')} (${zone})`} field="occurred_at" error={error}>
          <input
            id="f-occurred_at"
            type="datetime-local"
            required
            value={occurredAt}
            onInput={(e) => setOccurredAt(e.currentTarget.value)}
          />
        </Field>
      </div>
      <div class="row">
        <Field label={t('fund_counterparty')} field="counterparty" error={error}>
          <input
            id="f-counterparty"
            required={kind === 'deposit'}
            value={counterparty}
            onInput={(e) => setCounterparty(e.currentTarget.value)}
          />
        </Field>
        <Field label={t('fund_reference')} field="reference" error={error}>
          <input id="f-reference" required value={reference} onInput={(e) => setReference(e.currentTarget.value)} />
        </Field>
        <Field label={t('fund_evidence')} field="evidence" error={error}>
          <input id="f-evidence" value={evidence} onInput={(e) => setEvidence(e.currentTarget.value)} />
        </Field>
      </div>
      <Field label={t('fund_purpose_or_reason')} field="purpose" error={error}>
        <input id="f-purpose" required value={purpose} onInput={(e) => setPurpose(e.currentTarget.value)} />
      </Field>
      <FormError error={error} fields={Object.keys(labels)} />
      <Submit busy={busy} label={t('fund_movement_submit')} />
    </form>
  );
}

/** F3: the latest reconciliation and, while adjustments have not made it up, its difference. */
export function ReconciliationState(props: {
  last: Reconciliation | null;
  gap: number;
  currency: string;
  roster: Roster | null;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const r = props.last;
  if (!r) return <p class="muted">{t('fund_not_reconciled')}</p>;
  const money = (fen: number) => moneyOf(fen, props.currency);
  return (
    <div class="reconciliation">
      <h3>{t('fund_last_reconciliation')}</h3>
      <dl class="facts">
        <dt>{t('fund_statement_date')}</dt>
        <dd>{r.statement_date}</dd>
        <dt>{t('fund_statement_balance')}</dt>
        <dd class="amount">{money(r.statement_balance)}</dd>
        <dt>{t('fund_ledger_balance')}</dt>
        <dd class="amount">{money(r.ledger_balance)}</dd>
        <dt>{t('fund_difference')}</dt>
        <dd class={`amount${r.difference ? ' out' : ''}`} data-difference={r.difference}>
          {money(r.difference)}
        </dd>
        <dt>{t('fund_by')}</dt>
        <dd>{contactName(i18n, props.roster, r.by)}</dd>
      </dl>
      {props.gap !== 0 ? (
        <p class="flag" role="alert" data-gap={props.gap}>
          ⚠ {fill(t('fund_difference_flag'), { amount: money(props.gap) })}
        </p>
      ) : (
        <p class="ok">✓ {t('fund_matched')}</p>
      )}
    </div>
  );
}

export function ReconcileForm() {
  const i18n = useI18n();
  const { t } = i18n;
  const [balance, setBalance] = useState('');
  const [date, setDate] = useState('');
  const labels = { statement_balance: t('fund_statement_balance'), statement_date: t('fund_statement_date') };
  const { error, busy, submit } = useSubmit(
    () => {
      const fen = fenOrRefuse(balance, 'statement_balance', t('money_invalid'));
      return localized(i18n, labels, () =>
        unwrap(
          api.POST('/api/v1/fund/reconciliations', {
            body: { statement_balance: fen, statement_date: date },
          }),
        ),
      )();
    },
    () => {
      setBalance('');
      bumpRecorded();
    },
  );
  return (
    <form noValidate onSubmit={submit} class="command" aria-label={t('fund_reconcile_submit')}>
      <div class="row">
        <Field label={t('fund_statement_balance')} field="statement_balance" error={error}>
          <input
            id="f-statement_balance"
            required
            inputMode="decimal"
            value={balance}
            onInput={(e) => setBalance(e.currentTarget.value)}
          />
        </Field>
        <Field label={t('fund_statement_date')} field="statement_date" error={error}>
          <input
            id="f-statement_date"
            type="date"
            required
            value={date}
            onInput={(e) => setDate(e.currentTarget.value)}
          />
        </Field>
      </div>
      <FormError error={error} fields={Object.keys(labels)} />
      <Submit busy={busy} label={t('fund_reconcile_submit')} />
    </form>
  );
}
