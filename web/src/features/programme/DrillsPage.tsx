// V2 drills: the record form (kind and scenario from the plan, participants of both parties,
// findings, the improvement list, E4's assessment per participant) and every drill recorded.
import { useEffect, useState } from 'preact/hooks';
import { api, unwrap, type Plan } from '../../api/client';
import { planTimeZone, useI18n, type I18n } from '../../i18n/i18n';
import { plan as planStore } from '../../lib/session';
import { useStore } from '../../lib/store';
import { Field, FormError, Section, Submit, useSubmit } from '../../lib/ui';
import { localNow, toInstant } from '../../lib/instant';
import { ItemsEditor, ItemsList, type NewItem } from './ActionItems';
import { unkeyed, type Keyed } from '../../lib/rows';
import { improvementsOf, planProgramme, type Drill } from './model';
import {
  AssessmentPicker,
  ContactPicker,
  ProgrammeNav,
  RecordCard,
  assessmentOf,
  useDrills,
  type Results,
} from './shared';
import { localized } from '../../lib/errors';
import { Facts } from '../../lib/records';
import { names, useRoster, type Roster } from '../../lib/roster';
import { bumpRecorded } from '../../lib/useLive';

export function drillKindName(i18n: I18n, kind: string): string {
  if (kind === 'tabletop') return i18n.t('drill_kind_tabletop');
  if (kind === 'live') return i18n.t('drill_kind_live');
  return kind;
}

export function scenarioName(i18n: I18n, plan: Plan, id: string): string {
  const s = planProgramme(plan).drills.scenarios.find((x) => x.id === id);
  return s ? i18n.text(s.name) : id;
}

function DrillForm(props: { plan: Plan; roster: Roster }) {
  const i18n = useI18n();
  const { t, text } = i18n;
  const zone = planTimeZone();
  const { drills } = planProgramme(props.plan);
  const [kind, setKind] = useState(drills.kinds[0] ?? '');
  const [scenario, setScenario] = useState(drills.scenarios[0]?.id ?? '');
  const [heldAt, setHeldAt] = useState(localNow(zone));
  const [participants, setParticipants] = useState<string[]>([]);
  const [findings, setFindings] = useState('');
  const [duration, setDuration] = useState('');
  const [facilitator, setFacilitator] = useState('');
  const [evidence, setEvidence] = useState('');
  const [exercise, setExercise] = useState('');
  const [items, setItems] = useState<Keyed<NewItem>[]>([]);
  const [results, setResults] = useState<Results>({});
  const [recorded, setRecorded] = useState('');
  const labels = {
    kind: t('drill_kind'),
    scenario: t('drill_scenario'),
    held_at: t('drill_held_at'),
    participants: t('drill_participants'),
    findings: t('drill_findings'),
    improvements: t('drill_improvements'),
    duration: t('drill_duration'),
    facilitator: t('drill_facilitator'),
    evidence: t('drill_evidence'),
    exercise_incident: t('drill_exercise_incident'),
    'improvements.text': t('drill_improvement_text'),
    'improvements.owner_role': t('drill_improvement_owner_role'),
    'improvements.owner_party': t('drill_improvement_owner_party'),
    'improvements.due': t('drill_improvement_due'),
    assessment: t('assessment_title'),
    'assessment.contact': t('drill_participants'),
  };
  const { error, busy, submit } = useSubmit(
    localized(i18n, labels, () =>
      unwrap(
        api.POST('/api/v1/drills', {
          body: {
            kind,
            scenario,
            held_at: toInstant(heldAt, zone),
            participants,
            findings,
            improvements: unkeyed(items),
            assessment: assessmentOf(participants, results),
            ...(duration ? { duration } : {}),
            ...(facilitator ? { facilitator } : {}),
            ...(evidence ? { evidence: [{ kind: 'note' as const, text: evidence }] } : {}),
            ...(exercise ? { exercise_incident: exercise } : {}),
          },
        }),
      ),
    ),
    (d) => {
      setRecorded(d.id);
      bumpRecorded();
      setParticipants([]);
      setFindings('');
      setDuration('');
      setFacilitator('');
      setEvidence('');
      setExercise('');
      setItems([]);
      setResults({});
    },
  );
  return (
    <form noValidate onSubmit={submit} class="command" aria-label={t('drill_record')}>
      <div class="row">
        <Field label={t('drill_kind')} field="kind" error={error}>
          <select id="f-kind" value={kind} onChange={(e) => setKind(e.currentTarget.value)}>
            {drills.kinds.map((k) => (
              <option key={k} value={k}>
                {drillKindName(i18n, k)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('drill_scenario')} field="scenario" error={error}>
          <select id="f-scenario" value={scenario} onChange={(e) => setScenario(e.currentTarget.value)}>
            {drills.scenarios.map((s) => (
              <option key={s.id} value={s.id}>
                {text(s.name)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={`${t('drill_held_at')} (${zone})`} field="held_at" error={error}>
          <input
            id="f-held_at"
            type="datetime-local"
            required
            value={heldAt}
            onInput={(e) => setHeldAt(e.currentTarget.value)}
          />
        </Field>
      </div>
      <ContactPicker
        legend={t('drill_participants')}
        field="participants"
        error={error}
        roster={props.roster}
        value={participants}
        onChange={setParticipants}
      />
      <div class="row">
        <Field label={t('drill_duration')} field="duration" error={error} hint={t('drill_duration_hint')}>
          <input
            id="f-duration"
            value={duration}
            placeholder="2h"
            onInput={(e) => setDuration(e.currentTarget.value)}
          />
        </Field>
        <Field label={t('drill_facilitator')} field="facilitator" error={error}>
          <select id="f-facilitator" value={facilitator} onChange={(e) => setFacilitator(e.currentTarget.value)}>
            <option value="">—</option>
            {props.roster.contacts.map((c) => (
              <option key={c.id} value={c.id}>
                {text(c.name)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('drill_evidence')} field="evidence" error={error}>
          <input id="f-evidence" value={evidence} onInput={(e) => setEvidence(e.currentTarget.value)} />
        </Field>
        <Field label={t('drill_exercise_incident')} field="exercise_incident" error={error}>
          <input
            id="f-exercise_incident"
            value={exercise}
            placeholder="EX-2026-0001"
            onInput={(e) => setExercise(e.currentTarget.value.trim())}
          />
        </Field>
      </div>
      <Field label={t('drill_findings')} field="findings" error={error}>
        <textarea id="f-findings" rows={3} value={findings} onInput={(e) => setFindings(e.currentTarget.value)} />
      </Field>
      <ItemsEditor
        legend={t('drill_improvements')}
        field="improvements"
        plan={props.plan}
        error={error}
        items={items}
        onChange={setItems}
        addLabel={t('drill_improvement_add')}
      />
      <AssessmentPicker
        people={participants}
        roster={props.roster}
        value={results}
        onChange={setResults}
        error={error}
      />
      <FormError error={error} fields={Object.keys(labels)} />
      {recorded && !error && (
        <output class="ok">
          {t('records_recorded')}: <a href={`#/drills/${recorded}`}>{recorded}</a>
        </output>
      )}
      <Submit busy={busy} label={t('drill_submit')} />
    </form>
  );
}

function DrillCard(props: { drill: Drill; plan: Plan; roster: Roster | null; selected?: string }) {
  const i18n = useI18n();
  const { t, time } = i18n;
  const d = props.drill;
  const passed = d.assessment.filter((a) => a.passed).length;
  return (
    <RecordCard
      id={d.id}
      selected={props.selected}
      title={`${drillKindName(i18n, d.kind)} · ${scenarioName(i18n, props.plan, d.scenario)}`}
    >
      <Facts
        rows={[
          [t('drill_held_at'), time(d.held_at)],
          [t('drill_participants'), names(i18n, props.roster, d.participants)],
          ...(d.duration ? [[t('drill_duration'), d.duration] as [string, string]] : []),
          ...(d.facilitator
            ? [[t('drill_facilitator'), names(i18n, props.roster, [d.facilitator])] as [string, string]]
            : []),
          ...(d.evidence.length
            ? [[t('drill_evidence'), d.evidence.map((e) => e.text).join(' · ')] as [string, string]]
            : []),
          ...(d.findings ? [[t('drill_findings'), d.findings] as [string, string]] : []),
          ...(d.assessment.length
            ? [
                [t('assessment_title'), `${passed}/${d.assessment.length} ${t('assessment_passed')}`] as [
                  string,
                  string,
                ],
              ]
            : []),
        ]}
      />
      {d.exercise_incident && <ExerciseScoreView drill={d.id} />}
      <ItemsList
        title={t('drill_improvements')}
        record={d.id}
        list="improvements"
        items={improvementsOf(d)}
        plan={props.plan}
      />
    </RecordCard>
  );
}

export function DrillsPage(props: { selected?: string }) {
  const { t } = useI18n();
  const plan = useStore(planStore);
  const roster = useRoster();
  const drills = useDrills();
  if (!plan || !roster || !drills)
    return (
      <main>
        <ProgrammeNav />
        <p class="muted">{t('loading')}</p>
      </main>
    );
  return (
    <main class="programme">
      <ProgrammeNav />
      <h1>{t('drills_title')}</h1>
      <Section title={t('drill_record')}>
        <DrillForm plan={plan} roster={roster} />
      </Section>
      <h2>
        {t('drills_title')} ({drills.length})
      </h2>
      {drills.length === 0 && <p class="muted">{t('drills_none')}</p>}
      {[...drills].reverse().map((d) => (
        <DrillCard key={d.id} drill={d} plan={plan} roster={roster} selected={props.selected} />
      ))}
    </main>
  );
}

/** Whole seconds as people read a duration: "1 h 5 min", "12 min", "40 s". */
export function spanOf(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  if (m > 0) return `${m} min`;
  return `${seconds} s`;
}

// V2: the drill report's score of the exercise it ran, as the server judges it now.
function ExerciseScoreView(props: { drill: string }) {
  const { t, text } = useI18n();
  const [score, setScore] = useState<Drill['score'] | null>(null);
  useEffect(() => {
    unwrap(api.GET('/api/v1/drills/{id}', { params: { path: { id: props.drill } } }))
      .then((d) => setScore(d.score ?? null))
      .catch(() => setScore(null));
  }, [props.drill]);
  if (!score) return null;
  const span = (s: number | null) => (s === null ? '—' : spanOf(s));
  return (
    <div class="exercise-score">
      <h4>
        {t('exercise_score')} · <a href={`#/incidents/${score.incident}`}>{score.incident}</a>
      </h4>
      <p class="meta">
        {t('exercise_met_in_time')}: {score.met_in_time}/{score.judged} · P1 {span(score.time_to_report_seconds)} · P2{' '}
        {span(score.time_to_sync_seconds)} · P3 {span(score.time_to_assess_seconds)}
      </p>
      <ul class="plain">
        {score.obligations.map((o) => (
          <li key={o.key}>
            <span class={`badge ${o.in_time === true ? 'met' : o.in_time === false ? 'breached' : 'open'}`}>
              {o.in_time === true ? t('exercise_in_time') : o.in_time === false ? t('exercise_late') : '—'}
            </span>{' '}
            <span class="rule">{o.rule}</span> {text(o.title)}
          </li>
        ))}
      </ul>
    </div>
  );
}
