// The incident board: open incidents, the most urgent first (urgency.ts: breached first, the
// longest overdue first, then the nearest deadline, the level breaking ties), each with its level,
// its breaches (how many, and the worst with how long overdue), a live countdown to its most
// urgent obligation, and a "reported late" badge (P1). Updated over server-sent events.
import { useEffect, useState } from 'preact/hooks';
import { api, unwrap, type IncidentSummary } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { onEvent, onReconnect } from '../../lib/live';
import { plan as planStore, planExpiry } from '../../lib/session';
import { useStore } from '../../lib/store';
import { partyName } from '../../lib/names';
import { CountdownBadge, syncClock } from '../../lib/ui';
import { navigate } from '../../lib/router';
import { ActiveSilencesBanner } from '../../lib/silenceBanner';
import { byUrgency } from './urgency';

export function useIncidents() {
  const [incidents, setIncidents] = useState<IncidentSummary[] | null>(null);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      // Exercises too (V2): shown apart, below, and left out of every count.
      const all: IncidentSummary[] = [];
      let cursor: string | undefined;
      do {
        const query = { status: 'open', exercise: 'all', limit: 200, ...(cursor ? { cursor } : {}) } as const;
        const r = await unwrap(api.GET('/api/v1/incidents', { params: { query } }));
        if (r.now) syncClock(r.now);
        all.push(...r.incidents);
        cursor = r.next_cursor;
      } while (cursor);
      setIncidents(all);
    };
    // Bursts of events (a scheduler tick) reload once.
    const soon = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void load().catch(() => undefined), 150);
    };
    void load().catch(() => setIncidents([]));
    const offEvent = onEvent((e) => {
      if (e.stream.startsWith('incident/')) soon();
    });
    const offReconnect = onReconnect(soon);
    return () => {
      clearTimeout(timer);
      offEvent();
      offReconnect();
    };
  }, []);
  return incidents;
}

export function Board() {
  const { t, time } = useI18n();
  const plan = useStore(planStore);
  const expiry = useStore(planExpiry);
  const all = useIncidents();
  if (!all || !plan) return <p class="muted">{t('loading')}</p>;
  const rank = (id: string) => plan.levels.find((l) => l.id === id)?.rank ?? 0;
  const incidents = byUrgency(
    all.filter((i) => !i.exercise),
    rank,
  );
  const exercises = byUrgency(
    all.filter((i) => i.exercise),
    rank,
  );
  return (
    <main>
      <h1>
        {t('board_title')} {incidents.length > 0 && <span class="count">{incidents.length}</span>}
      </h1>
      {expiry?.expired && (
        <aside class="silence-banner" role="note">
          {t('plan_expired')} {time(expiry.expires_at)}
        </aside>
      )}
      <ActiveSilencesBanner />
      {incidents.length === 0 ? (
        <p class="muted">{t('board_empty')}</p>
      ) : (
        <section class="board-urgent" aria-label={t('board_title')}>
          <p class="muted">{t('board_sorted')}</p>
          <ul class="incident-list">
            {incidents.map((i) => (
              <IncidentCard key={i.id} incident={i} />
            ))}
          </ul>
        </section>
      )}
      {exercises.length > 0 && (
        <section class="level-group exercise-group" aria-label={t('exercise_board_title')}>
          <h2>{t('exercise_board_title')}</h2>
          <ul class="incident-list">
            {exercises.map((i) => (
              <IncidentCard key={i.id} incident={i} />
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}

function IncidentCard(props: { incident: IncidentSummary }) {
  const i18n = useI18n();
  const { t, text, time } = i18n;
  const plan = useStore(planStore);
  const i = props.incident;
  if (!plan) return null;
  const level = plan.levels.find((l) => l.id === i.level);
  const classes = [
    'incident-card',
    i.breached > 0 ? 'has-breach' : '',
    i.reported_late ? 'is-late' : '',
    i.exercise ? 'is-exercise' : '',
  ];
  return (
    <li class={classes.filter(Boolean).join(' ')}>
      <a
        href={`#/incidents/${encodeURIComponent(i.id)}`}
        data-incident={i.id}
        onClick={(e) => {
          e.preventDefault();
          navigate(`/incidents/${i.id}`);
        }}
      >
        <div class="incident-head">
          <strong>{i.id}</strong>
          {i.exercise && <span class="exercise-badge">{t('exercise_badge')}</span>}
          {i.reported_late && (
            <span class="late-badge" title={t('board_reported_late_title')}>
              {t('board_reported_late')}
            </span>
          )}
          <span class={`level-tag level-${level?.id ?? 'none'}`}>
            {level ? `${level.id} ${text(level.name)}` : t('board_unassessed')}
          </span>
          <span class={`status status-${i.status}`}>{t(`status_${i.status}`)}</span>
        </div>
        <p class="phenomenon">{i.phenomenon}</p>
        <p class="meta">
          {text(i.trigger_name)} · {partyName(plan, i18n, i.responsible_party)} · {time(i.reported_at, false)}
        </p>
        {i.worst_breach && (
          <p class="worst-breach">
            <span class="breach-count">
              {i.breached} {t('board_breached')}
            </span>{' '}
            <span>
              {t('board_worst')}
              {i18n.lang === 'zh-CN' ? '：' : ': '}
              <span class="rule">{i.worst_breach.rule}</span> {text(i.worst_breach.title)}
            </span>{' '}
            <CountdownBadge due={i.worst_breach.due} starts={i.worst_breach.starts} />
          </p>
        )}
        <p class="due">
          {i.next_due && i.next_due.key !== i.worst_breach?.key ? (
            <>
              <span>{text(i.next_due.title)}</span> <CountdownBadge due={i.next_due.due} starts={i.next_due.starts} />
            </>
          ) : (
            !i.worst_breach && <span class="muted">{t('none')}</span>
          )}
        </p>
      </a>
    </li>
  );
}
