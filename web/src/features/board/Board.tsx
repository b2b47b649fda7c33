// The incident board: open incidents by level, the most severe first, each with a live countdown
// to its most urgent obligation. Updated over server-sent events without reloading.
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

export function useIncidents() {
  const [incidents, setIncidents] = useState<IncidentSummary[] | null>(null);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      // Exercises too (V2): shown apart, below, and left out of every count.
      const r = await unwrap(api.GET('/api/v1/incidents', { params: { query: { status: 'open', exercise: 'all' } } }));
      if (r.now) syncClock(r.now);
      setIncidents(r.incidents);
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
  const { t, text, time } = useI18n();
  const plan = useStore(planStore);
  const expiry = useStore(planExpiry);
  const all = useIncidents();
  if (!all || !plan) return <p class="muted">{t('loading')}</p>;
  const incidents = all.filter((i) => !i.exercise);
  const exercises = all.filter((i) => i.exercise);
  const levels = [...plan.levels].sort((a, b) => b.rank - a.rank);
  const groups: { id: string; title: string; items: IncidentSummary[] }[] = [
    ...levels.map((l) => ({
      id: l.id,
      title: `${l.id} ${text(l.name)}`,
      items: incidents.filter((i) => i.level === l.id),
    })),
    { id: 'none', title: t('board_unassessed'), items: incidents.filter((i) => !i.level) },
  ];
  return (
    <main>
      <h1>{t('board_title')}</h1>
      {expiry?.expired && (
        <aside class="silence-banner" role="note">
          {t('plan_expired')} {time(expiry.expires_at)}
        </aside>
      )}
      <ActiveSilencesBanner />
      {incidents.length === 0 && <p class="muted">{t('board_empty')}</p>}
      {groups
        .filter((g) => g.items.length > 0)
        .map((g) => (
          <section key={g.id} class={`level-group level-${g.id}`} aria-label={g.title}>
            <h2>
              {g.title} <span class="count">{g.items.length}</span>
            </h2>
            <ul class="incident-list">
              {g.items.map((i) => (
                <IncidentCard key={i.id} incident={i} />
              ))}
            </ul>
          </section>
        ))}
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
  return (
    <li
      class={`incident-card${i.breached > 0 ? ' has-breach' : ''}${i.exercise ? ' is-exercise' : ''}`}
      data-incident={i.id}
    >
      <a
        href={`#/incidents/${encodeURIComponent(i.id)}`}
        onClick={(e) => {
          e.preventDefault();
          navigate(`/incidents/${i.id}`);
        }}
      >
        <div class="incident-head">
          <strong>{i.id}</strong>
          {i.exercise && <span class="exercise-badge">{t('exercise_badge')}</span>}
          <span class={`status status-${i.status}`}>{t(`status_${i.status}`)}</span>
        </div>
        <p class="phenomenon">{i.phenomenon}</p>
        <p class="meta">
          {text(i.trigger_name)} · {partyName(plan, i18n, i.responsible_party)} · {time(i.reported_at, false)}
        </p>
        <p class="due">
          {i.next_due ? (
            <>
              <span>{text(i.next_due.title)}</span> <CountdownBadge due={i.next_due.due} starts={i.next_due.starts} />
            </>
          ) : (
            <span class="muted">{t('none')}</span>
          )}
          {i.breached > 0 && (
            <span class="breach-count">
              {i.breached} {t('board_breached')}
            </span>
          )}
        </p>
      </a>
    </li>
  );
}
