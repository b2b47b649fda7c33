// F4: money leaves the fund only through a request that the plan's number of distinct members of
// the group signed, that a finance lead who did not sign reviewed, and that is then recorded as
// paid. Each request shows where it stands (signatures k/N with the signers' names, the review,
// the payment, or why it ended) and offers this person the step they may take; the server
// decides, and its refusal is shown by the form.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, unwrap, type Plan, type User } from '../../api/client';
import { fill, joinList, planTimeZone, useI18n, type I18n } from '../../i18n/i18n';
import { fenOf, moneyOf } from '../../lib/money';
import { Field, FormError, serverNow, Submit, useSubmit } from '../../lib/ui';
import { localNow, toInstant } from '../../lib/instant';
import { localized } from '../../lib/errors';
import { Facts, scrollIfSelected } from '../../lib/records';
import { contactName, names, type Roster } from '../../lib/roster';
import { bumpRecorded } from '../../lib/useLive';
import { fenOrRefuse, mayApprove, mayPay, planFund, reviewOffer, type Disbursement } from './model';
import { approvalRequest } from './approval';

type StringKey = Parameters<I18n['t']>[0];
const STATUS_KEYS: Record<Disbursement['status'], StringKey> = {
  requested: 'fund_status_requested',
  approved: 'fund_status_approved',
  reviewed: 'fund_status_reviewed',
  rejected: 'fund_status_rejected',
  paid: 'fund_status_paid',
  expired: 'fund_status_expired',
};
const STATUS_BADGE: Record<Disbursement['status'], string> = {
  requested: 'open',
  approved: 'open',
  reviewed: 'open',
  rejected: 'breached',
  paid: 'met',
  expired: 'expired',
};

export function RequestForm(props: { plan: Plan; currency: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [amount, setAmount] = useState('');
  const [purpose, setPurpose] = useState('');
  const [incident, setIncident] = useState('');
  const [incidents, setIncidents] = useState<{ id: string; phenomenon: string }[]>([]);
  const [requested, setRequested] = useState('');
  const labels = {
    amount: t('fund_amount_yuan'),
    purpose: t('fund_purpose'),
    incident: t('fund_incident'),
    currency: t('fund_currency'),
  };
  const { error, busy, submit } = useSubmit(
    () => {
      const fen = fenOrRefuse(amount, 'amount', t('money_invalid'));
      return localized(i18n, labels, () =>
        unwrap(
          api.POST('/api/v1/fund/disbursements', {
            body: { amount: fen, purpose, ...(incident ? { incident } : {}) },
          }),
        ),
      )();
    },
    (r) => {
      setRequested(r.id);
      setAmount('');
      setPurpose('');
      setIncident('');
      bumpRecorded();
    },
  );
  useEffect(() => {
    void unwrap(api.GET('/api/v1/incidents'))
      .then((r) => setIncidents(r.incidents))
      .catch(() => setIncidents([]));
  }, []);
  const rectification = planFund(props.plan).safety_rectification;
  return (
    <form noValidate onSubmit={submit} class="command" aria-label={t('fund_request')}>
      <div class="row">
        <Field
          label={t('fund_amount_yuan')}
          field="amount"
          error={error}
          id="f-request-amount"
          hint={
            rectification
              ? fill(t('fund_rectification_hint'), {
                  min: moneyOf(fenOrZero(rectification.min), props.currency),
                  max: moneyOf(fenOrZero(rectification.max), props.currency),
                })
              : undefined
          }
        >
          <input
            id="f-request-amount"
            required
            inputMode="decimal"
            value={amount}
            onInput={(e) => setAmount(e.currentTarget.value)}
          />
        </Field>
        <Field label={t('fund_incident')} field="incident" error={error}>
          <select id="f-incident" value={incident} onChange={(e) => setIncident(e.currentTarget.value)}>
            <option value="">{t('fund_incident_none')}</option>
            {incidents.map((x) => (
              <option key={x.id} value={x.id}>
                {x.id} {x.phenomenon}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field label={t('fund_purpose')} field="purpose" error={error} id="f-request-purpose">
        <textarea
          id="f-request-purpose"
          rows={2}
          required
          value={purpose}
          onInput={(e) => setPurpose(e.currentTarget.value)}
        />
      </Field>
      <FormError error={error} fields={Object.keys(labels)} />
      {requested && !error && (
        <output class="ok">
          {t('records_recorded')}: <a href={`#/fund/${requested}`}>{requested}</a>
        </output>
      )}
      <Submit busy={busy} label={t('fund_request_submit')} />
    </form>
  );
}

// The plan writes the rectification range in yuan ("100000.00").
const fenOrZero = (yuan: string) => fenOf(yuan) ?? 0;

/** The approvers by name, each signed approval marked (F4: its signature verifies offline). */
function approvers(i18n: I18n, roster: Roster | null, d: Disbursement): string {
  const signedBy = new Set(d.approval_signatures.filter((a) => a.signed).map((a) => a.by));
  return joinList(
    i18n.lang,
    d.approvals.map((id) => `${names(i18n, roster, [id])}${signedBy.has(id) ? i18n.t('fund_signed_mark') : ''}`),
  );
}

export function DisbursementCard(props: {
  d: Disbursement;
  plan: Plan;
  me: User;
  roster: Roster | null;
  selected?: string;
}) {
  const i18n = useI18n();
  const { t, time } = i18n;
  const d = props.d;
  const selected = props.selected === d.id;
  const offer = reviewOffer(d, props.plan, props.me);
  const signed = props.me.contact && d.approvals.includes(props.me.contact);
  const rows: [string, ComponentChildren][] = [[t('fund_purpose'), d.purpose]];
  if (d.incident)
    rows.push([
      t('fund_incident'),
      <a key="incident" href={`#/incidents/${d.incident}`}>
        {d.incident}
      </a>,
    ]);
  rows.push([
    t('fund_requested_by'),
    `${contactName(i18n, props.roster, d.requested_by)} · ${time(d.requested_at, false)}`,
  ]);
  rows.push([
    t('fund_approvals'),
    <span key="approvals" class="approvals" data-approvals={d.approvals.length}>
      {d.approvals.length}/{d.approvals_required}
      {d.approvals.length > 0 && ` · ${approvers(i18n, props.roster, d)}`}
    </span>,
  ]);
  if (d.review) {
    rows.push([
      t('fund_review'),
      <span key="review" class="review">
        {t(d.review.decision === 'approve' ? 'fund_review_approve' : 'fund_review_reject')}
        {` · ${contactName(i18n, props.roster, d.review.by ?? '')}`}
        {d.review.reason && ` · ${d.review.reason}`}
      </span>,
    ]);
  }
  if (d.paid) {
    rows.push([
      t('fund_paid'),
      `${time(d.paid.occurred_at, false)} · ${d.paid.reference ?? ''} · ${contactName(i18n, props.roster, d.paid.by ?? '')}`,
    ]);
  } else if (d.status !== 'rejected') {
    rows.push([t('fund_expires_at'), time(d.expires_at, false)]);
  }
  return (
    <article
      id={d.id}
      class={`card record disbursement status-${d.status}${selected ? ' selected' : ''}`}
      data-status={d.status}
      ref={scrollIfSelected(selected)}
    >
      <h3>
        <span class="rule">{d.id}</span> <span class="amount">{moneyOf(d.amount, d.currency)}</span>{' '}
        <span class={`badge ${STATUS_BADGE[d.status]}`}>{t(STATUS_KEYS[d.status])}</span>
      </h3>
      <Facts rows={rows} />
      <div class="steps-offered no-print">
        {mayApprove(d, props.me) && <ApproveButton d={d} me={props.me} />}
        {signed && d.status !== 'paid' && <span class="meta">✓ {t('fund_you_approved')}</span>}
        {offer === 'review' && <ReviewForm d={d} />}
        {offer === 'approver' && <p class="meta">{t('fund_reviewer_is_approver')}</p>}
        {mayPay(d, props.plan, props.me) && <PayForm key={d.status} d={d} />}
      </div>
    </article>
  );
}

function ApproveButton(props: { d: Disbursement; me: User }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { error, busy, submit } = useSubmit(
    localized(i18n, {}, async () =>
      unwrap(
        api.POST(
          '/api/v1/fund/disbursements/{id}/approve',
          await approvalRequest(props.d, props.me, t('fund_statement_mismatch')),
        ),
      ),
    ),
    () => bumpRecorded(),
  );
  return (
    <form noValidate onSubmit={submit} class="inline approve" aria-label={`${t('fund_approve')} ${props.d.id}`}>
      <Submit busy={busy} label={t('fund_approve')} />
      <FormError error={error} fields={[]} />
    </form>
  );
}

function ReviewForm(props: { d: Disbursement }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [decision, setDecision] = useState<'approve' | 'reject'>('approve');
  const [reason, setReason] = useState('');
  const labels = { decision: t('fund_review_decision'), reason: t('reason') };
  const { error, busy, submit } = useSubmit(
    localized(i18n, labels, () =>
      unwrap(
        api.POST('/api/v1/fund/disbursements/{id}/review', {
          params: { path: { id: props.d.id } },
          body: { decision, ...(reason ? { reason } : {}) },
        }),
      ),
    ),
    () => bumpRecorded(),
  );
  const id = props.d.id;
  return (
    <form noValidate onSubmit={submit} class="command review" aria-label={`${t('fund_review')} ${id}`}>
      <h4>{t('fund_review')}</h4>
      <div class="row">
        <Field label={t('fund_review_decision')} field="decision" error={error} id={`f-decision-${id}`}>
          <select
            id={`f-decision-${id}`}
            value={decision}
            onChange={(e) => setDecision(e.currentTarget.value as 'approve' | 'reject')}
          >
            <option value="approve">{t('fund_review_approve')}</option>
            <option value="reject">{t('fund_review_reject')}</option>
          </select>
        </Field>
        <Field
          label={t('reason')}
          field="reason"
          error={error}
          hint={t('fund_review_reason_hint')}
          id={`f-reason-${id}`}
        >
          <input
            id={`f-reason-${id}`}
            required={decision === 'reject'}
            value={reason}
            onInput={(e) => setReason(e.currentTarget.value)}
          />
        </Field>
      </div>
      <FormError error={error} fields={Object.keys(labels)} />
      <Submit busy={busy} label={t('fund_review_submit')} kind={decision === 'reject' ? 'danger' : 'primary'} />
    </form>
  );
}

function PayForm(props: { d: Disbursement }) {
  const i18n = useI18n();
  const { t } = i18n;
  const zone = planTimeZone();
  // Left as it was, the time is "now" to the second when it is sent (not the minute shown, which
  // may be before a request made this minute); a time typed is sent as typed.
  const [occurredAt, setOccurredAt] = useState<string | null>(null);
  const [reference, setReference] = useState('');
  const labels = { occurred_at: t('fund_paid_at'), reference: t('fund_reference') };
  const { error, busy, submit } = useSubmit(
    localized(i18n, labels, () =>
      unwrap(
        api.POST('/api/v1/fund/disbursements/{id}/pay', {
          params: { path: { id: props.d.id } },
          body: {
            occurred_at: occurredAt === null ? new Date(serverNow()).toISOString() : toInstant(occurredAt, zone),
            reference,
          },
        }),
      ),
    ),
    () => bumpRecorded(),
  );
  const id = props.d.id;
  return (
    <form noValidate onSubmit={submit} class="command pay" aria-label={`${t('fund_pay')} ${id}`}>
      <h4>{t('fund_pay')}</h4>
      {props.d.status !== 'reviewed' && (
        <p class="meta">{fill(t('fund_pay_needs'), { n: props.d.approvals_required })}</p>
      )}
      <div class="row">
        <Field label={`${t('fund_paid_at')} (${zone})`} field="occurred_at" error={error} id={`f-occurred_at-${id}`}>
          <input
            id={`f-occurred_at-${id}`}
            type="datetime-local"
            required
            value={occurredAt ?? localNow(zone)}
            onInput={(e) => setOccurredAt(e.currentTarget.value)}
          />
        </Field>
        <Field label={t('fund_reference')} field="reference" error={error} id={`f-reference-${id}`}>
          <input
            id={`f-reference-${id}`}
            required
            value={reference}
            onInput={(e) => setReference(e.currentTarget.value)}
          />
        </Field>
      </div>
      <FormError error={error} fields={Object.keys(labels)} />
      <Submit busy={busy} label={t('fund_pay')} />
    </form>
  );
}
