// E1–E4 training sessions: the record form (kind; topics from the plan's training content and
// the improvement items of recorded drills, which V2 says feed the next training; trainer,
// attendees and their assessment) and every session recorded.
import { useState } from 'preact/hooks';
import { api, unwrap, type Plan } from '../../api/client';
import { planTimeZone, useI18n, type I18n } from '../../i18n/i18n';
import { plan as planStore } from '../../lib/session';
import { useStore } from '../../lib/store';
import { Field, FieldGroup, FormError, Section, Submit, useSubmit } from '../../lib/ui';
import { localNow, toInstant } from '../../lib/instant';
import { improvementTopics, planProgramme, type Drill, type Training } from './model';
import {
  AssessmentPicker,
  ContactPicker,
  ProgrammeNav,
  RecordCard,
  assessmentOf,
  useDrills,
  useTrainings,
  type Results,
} from './shared';
import { localized } from '../../lib/errors';
import { Facts } from '../../lib/records';
import { contactName, names, useRoster, type Roster } from '../../lib/roster';
import { bumpRecorded } from '../../lib/useLive';

const KINDS = ['refresher', 'onboarding', 'remedial'] as const;
type Kind = (typeof KINDS)[number];

function kindName(i18n: I18n, kind: string): string {
  const key = {
    onboarding: 'training_kind_onboarding',
    refresher: 'training_kind_refresher',
    remedial: 'training_kind_remedial',
  } as const;
  return kind in key ? i18n.t(key[kind as Kind]) : kind;
}

/** A topic as the reader reads it: the plan's content in their language, else as written. */
function topicName(i18n: I18n, plan: Plan, topic: string): string {
  const c = planProgramme(plan).training.content.find((x) => x.zh === topic || x.en === topic);
  return c ? i18n.text(c) : topic;
}

function TrainingForm(props: { plan: Plan; roster: Roster; drills: Drill[] }) {
  const i18n = useI18n();
  const { t, text } = i18n;
  const zone = planTimeZone();
  const content = planProgramme(props.plan).training.content;
  const offered = improvementTopics(
    props.drills,
    content.flatMap((c) => [c.zh, c.en]),
  );
  const [kind, setKind] = useState<Kind>('refresher');
  const [topics, setTopics] = useState<string[]>([]);
  const [heldAt, setHeldAt] = useState(localNow(zone));
  const [trainer, setTrainer] = useState('');
  const [attendees, setAttendees] = useState<string[]>([]);
  const [results, setResults] = useState<Results>({});
  const [recorded, setRecorded] = useState('');
  const labels = {
    kind: t('training_kind'),
    topics: t('training_topics'),
    held_at: t('training_held_at'),
    trainer: t('training_trainer'),
    attendees: t('training_attendees'),
    assessment: t('assessment_title'),
    'assessment.contact': t('training_attendees'),
  };
  const { error, busy, submit } = useSubmit(
    localized(i18n, labels, () =>
      unwrap(
        api.POST('/api/v1/trainings', {
          body: {
            kind,
            topics,
            held_at: toInstant(heldAt, zone),
            trainer,
            attendees,
            assessment: assessmentOf(attendees, results),
          },
        }),
      ),
    ),
    (r) => {
      setRecorded(r.id);
      bumpRecorded();
      setTopics([]);
      setAttendees([]);
      setResults({});
    },
  );
  const toggle = (topic: string, on: boolean) => setTopics(on ? [...topics, topic] : topics.filter((x) => x !== topic));
  const topic = (value: string, label: string, note?: string) => (
    <label key={value} class="check">
      <input
        type="checkbox"
        name="topics"
        value={value}
        checked={topics.includes(value)}
        onChange={(e) => toggle(value, e.currentTarget.checked)}
      />
      {label}
      {note && <small class="meta"> {note}</small>}
    </label>
  );
  return (
    <form noValidate onSubmit={submit} class="command" aria-label={t('training_record')}>
      <div class="row">
        <Field label={t('training_kind')} field="kind" error={error}>
          <select id="f-kind" value={kind} onChange={(e) => setKind(e.currentTarget.value as Kind)}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {kindName(i18n, k)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={`${t('training_held_at')} (${zone})`} field="held_at" error={error}>
          <input
            id="f-held_at"
            type="datetime-local"
            required
            value={heldAt}
            onInput={(e) => setHeldAt(e.currentTarget.value)}
          />
        </Field>
        <Field label={t('training_trainer')} field="trainer" error={error}>
          <select id="f-trainer" required value={trainer} onChange={(e) => setTrainer(e.currentTarget.value)}>
            <option value="">—</option>
            {props.roster.contacts.map((c) => (
              <option key={c.id} value={c.id}>
                {text(c.name)} ({c.party})
              </option>
            ))}
          </select>
        </Field>
      </div>
      <FieldGroup legend={t('training_topics')} field="topics" error={error}>
        <p class="meta">{t('training_topics_plan')}</p>
        <div class="topics">{content.map((c) => topic(c.zh, text(c)))}</div>
        {offered.length > 0 && (
          <>
            <p class="meta">{t('training_topics_improvements')}</p>
            <div class="topics improvement-topics">
              {offered.map((o) => topic(o.text, o.text, `${o.drill} · ${t('drill_improvement_due')} ${o.due}`))}
            </div>
          </>
        )}
      </FieldGroup>
      <ContactPicker
        legend={t('training_attendees')}
        field="attendees"
        error={error}
        roster={props.roster}
        value={attendees}
        onChange={setAttendees}
      />
      <AssessmentPicker people={attendees} roster={props.roster} value={results} onChange={setResults} error={error} />
      <FormError error={error} fields={Object.keys(labels)} />
      {recorded && !error && (
        <output class="ok">
          {t('records_recorded')}: <a href={`#/trainings/${recorded}`}>{recorded}</a>
        </output>
      )}
      <Submit busy={busy} label={t('training_submit')} />
    </form>
  );
}

function TrainingCard(props: { training: Training; plan: Plan; roster: Roster | null; selected?: string }) {
  const i18n = useI18n();
  const { t, time } = i18n;
  const x = props.training;
  const passed = (x.assessment ?? []).filter((a) => a.passed).length;
  return (
    <RecordCard id={x.id} selected={props.selected} title={kindName(i18n, x.kind)}>
      <Facts
        rows={[
          [t('training_held_at'), time(x.held_at)],
          [t('training_trainer'), contactName(i18n, props.roster, x.trainer)],
          [t('training_attendees'), names(i18n, props.roster, x.attendees)],
          [
            t('training_topics'),
            <ul key="topics" class="plain topics-list">
              {x.topics.map((tp) => (
                <li key={tp}>{topicName(i18n, props.plan, tp)}</li>
              ))}
            </ul>,
          ],
          ...(x.assessment?.length
            ? [
                [t('assessment_title'), `${passed}/${x.assessment.length} ${t('assessment_passed')}`] as [
                  string,
                  string,
                ],
              ]
            : []),
        ]}
      />
    </RecordCard>
  );
}

export function TrainingsPage(props: { selected?: string }) {
  const { t } = useI18n();
  const plan = useStore(planStore);
  const roster = useRoster();
  const drills = useDrills();
  const trainings = useTrainings();
  if (!plan || !roster || !drills || !trainings)
    return (
      <main>
        <ProgrammeNav />
        <p class="muted">{t('loading')}</p>
      </main>
    );
  return (
    <main class="programme">
      <ProgrammeNav />
      <h1>{t('trainings_title')}</h1>
      <Section title={t('training_record')}>
        <TrainingForm plan={plan} roster={roster} drills={drills} />
      </Section>
      <h2>
        {t('trainings_title')} ({trainings.length})
      </h2>
      {trainings.length === 0 && <p class="muted">{t('trainings_none')}</p>}
      {[...trainings].reverse().map((x) => (
        <TrainingCard key={x.id} training={x} plan={plan} roster={roster} selected={props.selected} />
      ))}
    </main>
  );
}
