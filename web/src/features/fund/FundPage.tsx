// 应急资金 (F1–F4): the fund's balance against its floor (the plan's reserve of the agreement's
// value), the shortfall standing out while there is one; the disbursement requests with their
// signatures, review and payment; the ledger; the half-yearly reconciliation. Every amount comes
// from the API in whole fen and is written in yuan from those digits (lib/money). Forms are
// offered to the roles the plan's permissions name; the server decides.
import { api, unwrap, type Plan } from '../../api/client';
import { fill, useI18n } from '../../i18n/i18n';
import { moneyOf } from '../../lib/money';
import { plan as planStore, session } from '../../lib/session';
import { useStore } from '../../lib/store';
import { Disclosure, Section } from '../../lib/ui';
import { useRoster } from '../../lib/roster';
import { useLive } from '../../lib/useLive';
import { DisbursementCard, RequestForm } from './Disbursements';
import { MovementForm, MovementsTable, ReconcileForm, ReconciliationState } from './Ledger';
import { mayDo, planFund } from './model';

const FUND = ['fund'] as const;
const useFund = () => useLive(() => unwrap(api.GET('/api/v1/fund')), null, FUND);
const useMovements = () =>
  useLive(() => unwrap(api.GET('/api/v1/fund/movements')).then((r) => r.movements), null, FUND);
const useDisbursements = () =>
  useLive(() => unwrap(api.GET('/api/v1/fund/disbursements')).then((r) => r.disbursements), null, FUND);

type Standing = NonNullable<ReturnType<typeof useFund>>;

function StandingSection(props: { fund: Standing; plan: Plan }) {
  const { t, text } = useI18n();
  const f = props.fund;
  const money = (fen: number) => moneyOf(fen, f.currency);
  const account = planFund(props.plan).account;
  return (
    <section class={`card fund-standing${f.shortfall > 0 ? ' below' : ''}`} aria-label={t('fund_title')}>
      {f.shortfall > 0 && (
        <p class="shortfall" role="alert" data-shortfall={f.shortfall}>
          ⚠ {fill(t('fund_below_floor'), { amount: money(f.shortfall) })}
        </p>
      )}
      <div class="figure-grid">
        <div>
          <h3>{t('fund_balance')}</h3>
          <p class="big amount" data-figure="balance" data-fen={f.balance}>
            {money(f.balance)}
          </p>
        </div>
        <div>
          <h3>{t('fund_floor')}</h3>
          <p class="big amount" data-figure="floor" data-fen={f.floor}>
            {money(f.floor)}
          </p>
          <p class="meta">{fill(t('fund_floor_rule'), { reserve: planFund(props.plan).reserve })}</p>
        </div>
        <div>
          <h3>{t('fund_shortfall')}</h3>
          <p class={`big amount ${f.shortfall > 0 ? 'overdue' : 'ok'}`} data-figure="shortfall" data-fen={f.shortfall}>
            {money(f.shortfall)}
          </p>
          {f.shortfall === 0 && <p class="meta">{t('fund_at_floor')}</p>}
        </div>
      </div>
      <p class="meta">
        {t('fund_currency')}: <span data-figure="currency">{f.currency}</span>
        {account && (
          <>
            {' '}
            · {t('fund_account')}: {text(account)}
          </>
        )}
      </p>
    </section>
  );
}

export function FundPage(props: { selected?: string }) {
  const { t } = useI18n();
  const plan = useStore(planStore);
  const me = useStore(session);
  const fund = useFund();
  const movements = useMovements();
  const disbursements = useDisbursements();
  const roster = useRoster();
  if (!plan || !me || !fund || !movements || !disbursements)
    return (
      <main>
        <p class="muted">{t('loading')}</p>
      </main>
    );
  const rules = planFund(plan);
  return (
    <main class="fund">
      <h1>{t('fund_title')}</h1>
      <StandingSection fund={fund} plan={plan} />
      <Section title={`${t('fund_disbursements')} (${disbursements.length})`} class="card disbursements">
        <p class="meta">
          {fill(t('fund_disbursement_rule'), { n: rules.disbursement.signatures, expires: rules.disbursement.expires })}
        </p>
        {mayDo(plan, me, 'request_disbursement') && me.contact && (
          <Disclosure summary={t('fund_request')} open={disbursements.length === 0}>
            <RequestForm plan={plan} currency={fund.currency} />
          </Disclosure>
        )}
        {disbursements.length === 0 && <p class="muted">{t('fund_requests_none')}</p>}
        {[...disbursements].reverse().map((d) => (
          <DisbursementCard key={d.id} d={d} plan={plan} me={me} roster={roster} selected={props.selected} />
        ))}
      </Section>
      <Section title={t('fund_movements')} class="card ledger">
        <p class="meta">{t('fund_money_out_only_paid')}</p>
        {mayDo(plan, me, 'record_fund_movement') && (
          <Disclosure summary={t('fund_movement_record')}>
            <MovementForm />
          </Disclosure>
        )}
        <MovementsTable movements={movements} currency={fund.currency} roster={roster} />
      </Section>
      <Section title={t('fund_reconciliation')} class="card reconciliations">
        <p class="meta">{t('fund_reconciliation_rule')}</p>
        <ReconciliationState
          last={fund.last_reconciliation}
          gap={fund.reconciliation_gap}
          currency={fund.currency}
          roster={roster}
        />
        {mayDo(plan, me, 'reconcile_fund') && <ReconcileForm />}
      </Section>
    </main>
  );
}
