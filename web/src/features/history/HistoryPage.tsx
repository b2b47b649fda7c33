// The history page (V1, G5): closed and cancelled incidents (and open ones when asked), found by
// text, trigger, level, party and reporting period, a page at a time (the API's cursor: next and
// previous), with a CSV export of the same filters.
import { useEffect, useState } from 'preact/hooks';
import { api, unwrap, type IncidentSummary } from '../../api/client';
import { fill, planTimeZone, useI18n } from '../../i18n/i18n';
import { toInstant } from '../../lib/instant';
import { partyShort } from '../../lib/people';
import { navigate } from '../../lib/router';
import { plan as planStore } from '../../lib/session';
import { useStore } from '../../lib/store';
import { FINISHED, type Filters, csvHref, emptyFilters, historyQuery } from './model';

const PAGE = 20;
const STATUSES = [
  [FINISHED, 'history_status_finished'],
  ['closed', 'history_status_closed'],
  ['cancelled', 'history_status_cancelled'],
  ['open', 'history_status_open'],
  ['all', 'history_status_all'],
] as const;

export function HistoryPage() {
  const i18n = useI18n();
  const { t, text, time } = i18n;
  const plan = useStore(planStore);
  const [draft, setDraft] = useState<Filters>(emptyFilters);
  const [filters, setFilters] = useState<Filters>(emptyFilters);
  // The cursors of the pages seen so far: [undefined (the first page), page 2's, …].
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [result, setResult] = useState<{ incidents: IncidentSummary[]; next?: string } | null>(null);
  const [error, setError] = useState('');
  const zone = planTimeZone();
  const query = historyQuery(filters, (day) => toInstant(`${day}T00:00`, zone));
  const page = cursors.length - 1;
  const cursor = cursors[page];
  const key = JSON.stringify(query) + (cursor ?? '');
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the query and cursor it is made of
  useEffect(() => {
    setError('');
    unwrap(
      api.GET('/api/v1/incidents', { params: { query: { ...query, limit: PAGE, ...(cursor ? { cursor } : {}) } } }),
    )
      .then((r) => setResult({ incidents: r.incidents, ...(r.next_cursor ? { next: r.next_cursor } : {}) }))
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [key]);
  if (!plan) return <p class="muted">{t('loading')}</p>;
  const set = (k: keyof Filters) => (e: Event) =>
    setDraft({ ...draft, [k]: (e.currentTarget as HTMLInputElement | HTMLSelectElement).value });
  const search = (f: Filters) => {
    setFilters(f);
    setCursors([undefined]);
  };
  return (
    <main class="history-page">
      <h1 tabIndex={-1}>{t('history_title')}</h1>
      <p class="muted">{t('history_intro')}</p>
      <form
        noValidate
        class="card history-filters"
        aria-label={t('history_title')}
        onSubmit={(e) => {
          e.preventDefault();
          search(draft);
        }}
      >
        <label>
          {t('history_status')}
          <select id="h-status" value={draft.status} onChange={set('status')}>
            {STATUSES.map(([v, k]) => (
              <option key={v} value={v}>
                {t(k)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('history_q')}
          <input id="h-q" type="search" value={draft.q} placeholder={t('history_q_hint')} onInput={set('q')} />
        </label>
        <label>
          {t('history_trigger')}
          <select id="h-trigger" value={draft.trigger} onChange={set('trigger')}>
            <option value="">{t('history_any')}</option>
            {plan.triggers.map((tr) => (
              <option key={tr.id} value={tr.id}>
                {tr.id} {text(tr.name)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('history_level')}
          <select id="h-level" value={draft.level} onChange={set('level')}>
            <option value="">{t('history_any')}</option>
            {plan.levels.map((l) => (
              <option key={l.id} value={l.id}>
                {l.id} {text(l.name)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('history_party')}
          <select id="h-party" value={draft.party} onChange={set('party')}>
            <option value="">{t('history_any')}</option>
            {plan.parties.map((p) => (
              <option key={p.id} value={p.id}>
                {text(p.name)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('history_from')}
          <input id="h-from" type="date" value={draft.from} onInput={set('from')} />
        </label>
        <label>
          {t('history_to')}
          <input id="h-to" type="date" value={draft.to} onInput={set('to')} />
        </label>
        <div class="actions">
          <button type="submit" class="primary">
            {t('history_search')}
          </button>{' '}
          <button
            type="button"
            onClick={() => {
              setDraft(emptyFilters);
              search(emptyFilters);
            }}
          >
            {t('history_reset')}
          </button>
        </div>
      </form>
      <p>
        <a class="history-csv" href={csvHref(query)} download="incidents.csv">
          {t('history_csv')}
        </a>
      </p>
      {error && (
        <p class="error" role="alert">
          {t('error_prefix')}: {error}
        </p>
      )}
      {!result ? (
        <p class="muted">{t('loading')}</p>
      ) : result.incidents.length === 0 ? (
        <p class="muted">{t('history_none')}</p>
      ) : (
        <table class="history-table">
          <thead>
            <tr>
              <th>{t('history_col_id')}</th>
              <th>{t('history_col_reported')}</th>
              <th>{t('history_col_phenomenon')}</th>
              <th>{t('history_col_trigger')}</th>
              <th>{t('history_col_level')}</th>
              <th>{t('history_col_parties')}</th>
              <th>{t('history_col_status')}</th>
            </tr>
          </thead>
          <tbody>
            {result.incidents.map((i) => (
              <tr key={i.id} data-incident={i.id}>
                <td>
                  <a
                    href={`#/incidents/${encodeURIComponent(i.id)}`}
                    onClick={(e) => {
                      e.preventDefault();
                      navigate(`/incidents/${i.id}`);
                    }}
                  >
                    {i.id}
                  </a>
                  {i.reported_late && (
                    <span class="late-badge" title={t('board_reported_late_title')}>
                      {t('board_reported_late')}
                    </span>
                  )}
                </td>
                <td>{time(i.reported_at, false)}</td>
                <td>{i.phenomenon}</td>
                <td>{text(i.trigger_name)}</td>
                <td>{i.level ? `${i.level} ${text(i.level_name)}` : '—'}</td>
                <td>
                  {partyShort(plan, i18n, i.reporting_party)} → {partyShort(plan, i18n, i.responsible_party)}
                </td>
                <td>
                  <span class={`status status-${i.status}`}>{t(`status_${i.status}`)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav class="history-pager" aria-label={fill(t('history_page'), { n: page + 1 })}>
        <button type="button" disabled={page === 0} onClick={() => setCursors(cursors.slice(0, -1))}>
          {t('history_previous')}
        </button>
        <span>{fill(t('history_page'), { n: page + 1 })}</span>
        <button
          type="button"
          disabled={!result?.next}
          onClick={() => result?.next && setCursors([...cursors, result.next])}
        >
          {t('history_next')}
        </button>
      </nav>
    </main>
  );
}
