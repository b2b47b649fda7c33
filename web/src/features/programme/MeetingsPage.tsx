// M1 meeting minutes and the G2 joint annual review: the record form (the meeting from the plan's
// communication.meetings or the annual review, participants, decisions, the review's outcome)
// and every meeting recorded.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { api, unwrap, type Plan } from '../../api/client';
import { planTimeZone, useI18n, type I18n } from '../../i18n/i18n';
import { plan as planStore } from '../../lib/session';
import { useStore } from '../../lib/store';
import { Field, FormError, Section, Submit, useSubmit } from '../../lib/ui';
import { localNow, toInstant } from '../../lib/instant';
import { ItemsEditor, ItemsList, type NewItem } from './ActionItems';
import { unkeyed, type Keyed } from '../../lib/rows';
import { planProgramme, type ActionItem, type Meeting } from './model';
import { ContactPicker, ProgrammeNav, RecordCard, useMeetings } from './shared';
import { localized } from '../../lib/errors';
import { Facts } from '../../lib/records';
import { names, useRoster, type Roster } from '../../lib/roster';
import { bumpRecorded } from '../../lib/useLive';

const REVIEW = 'annual_review';

function meetingName(i18n: I18n, plan: Plan, id: string): string {
  if (id === REVIEW) return i18n.t('meeting_annual_review');
  const m = planProgramme(plan).communication.meetings.find((x) => x.id === id);
  return m ? i18n.text(m.name) : id;
}

function outcomeName(i18n: I18n, outcome: string): string {
  if (outcome === 'no_change') return i18n.t('meeting_outcome_no_change');
  if (outcome === 'changes_proposed') return i18n.t('meeting_outcome_changes_proposed');
  return outcome;
}

function MeetingForm(props: { plan: Plan; roster: Roster }) {
  const i18n = useI18n();
  const { t, text } = i18n;
  const zone = planTimeZone();
  const meetings = planProgramme(props.plan).communication.meetings;
  const [meeting, setMeeting] = useState(meetings.find((m) => m.cadence)?.id ?? REVIEW);
  const [heldAt, setHeldAt] = useState(localNow(zone));
  const [participants, setParticipants] = useState<string[]>([]);
  const [decisions, setDecisions] = useState('');
  const [outcome, setOutcome] = useState('no_change');
  const [actions, setActions] = useState<Keyed<NewItem>[]>([]);
  const [recorded, setRecorded] = useState('');
  const labels = {
    meeting: t('meeting_which'),
    held_at: t('meeting_held_at'),
    participants: t('meeting_participants'),
    decisions: t('meeting_decisions'),
    outcome: t('meeting_outcome'),
    actions: t('meeting_actions'),
    'actions.text': t('drill_improvement_text'),
    'actions.owner_role': t('drill_improvement_owner_role'),
    'actions.owner_party': t('drill_improvement_owner_party'),
    'actions.due': t('drill_improvement_due'),
  };
  const { error, busy, submit } = useSubmit(
    localized(i18n, labels, () =>
      unwrap(
        api.POST('/api/v1/meetings', {
          body: {
            meeting,
            held_at: toInstant(heldAt, zone),
            participants,
            decisions: decisions
              .split('\n')
              .map((d) => d.trim())
              .filter(Boolean),
            ...(meeting === REVIEW ? { outcome } : {}),
            ...(actions.length ? { actions: unkeyed(actions) } : {}),
          },
        }),
      ),
    ),
    (m) => {
      setRecorded(m.id);
      bumpRecorded();
      setParticipants([]);
      setDecisions('');
      setActions([]);
    },
  );
  return (
    <form noValidate onSubmit={submit} class="command" aria-label={t('meeting_record')}>
      <div class="row">
        <Field label={t('meeting_which')} field="meeting" error={error}>
          <select id="f-meeting" value={meeting} onChange={(e) => setMeeting(e.currentTarget.value)}>
            {meetings.map((m) => (
              <option key={m.id} value={m.id}>
                {text(m.name)}
              </option>
            ))}
            <option value={REVIEW}>{t('meeting_annual_review')}</option>
          </select>
        </Field>
        <Field label={`${t('meeting_held_at')} (${zone})`} field="held_at" error={error}>
          <input
            id="f-held_at"
            type="datetime-local"
            required
            value={heldAt}
            onInput={(e) => setHeldAt(e.currentTarget.value)}
          />
        </Field>
        {meeting === REVIEW && (
          <Field label={t('meeting_outcome')} field="outcome" error={error}>
            <select id="f-outcome" value={outcome} onChange={(e) => setOutcome(e.currentTarget.value)}>
              <option value="no_change">{t('meeting_outcome_no_change')}</option>
              <option value="changes_proposed">{t('meeting_outcome_changes_proposed')}</option>
            </select>
          </Field>
        )}
      </div>
      <ContactPicker
        legend={t('meeting_participants')}
        field="participants"
        error={error}
        roster={props.roster}
        value={participants}
        onChange={setParticipants}
      />
      <Field label={t('meeting_decisions')} field="decisions" error={error}>
        <textarea id="f-decisions" rows={3} value={decisions} onInput={(e) => setDecisions(e.currentTarget.value)} />
      </Field>
      <ItemsEditor
        legend={t('meeting_actions')}
        field="actions"
        plan={props.plan}
        error={error}
        items={actions}
        onChange={setActions}
        addLabel={t('meeting_action_add')}
      />
      <FormError error={error} fields={Object.keys(labels)} />
      {recorded && !error && (
        <output class="ok">
          {t('records_recorded')}: <a href={`#/meetings/${recorded}`}>{recorded}</a>
        </output>
      )}
      <Submit busy={busy} label={t('meeting_submit')} />
    </form>
  );
}

function MeetingCard(props: { meeting: Meeting; plan: Plan; roster: Roster | null; selected?: string }) {
  const i18n = useI18n();
  const { t, time } = i18n;
  const m = props.meeting;
  return (
    <RecordCard id={m.id} selected={props.selected} title={meetingName(i18n, props.plan, m.meeting)}>
      <Facts
        rows={[
          [t('meeting_held_at'), time(m.held_at)],
          [t('meeting_participants'), names(i18n, props.roster, m.participants)],
          ...(m.decisions.length
            ? [
                [
                  t('meeting_decisions'),
                  <ul key="decisions" class="plain">
                    {m.decisions.map((d) => (
                      <li key={d}>{d}</li>
                    ))}
                  </ul>,
                ] as [string, ComponentChildren],
              ]
            : []),
          ...(m.outcome ? [[t('meeting_outcome'), outcomeName(i18n, m.outcome)] as [string, string]] : []),
        ]}
      />
      <ItemsList
        title={t('meeting_actions')}
        record={m.id}
        list="actions"
        items={m.actions as ActionItem[]}
        plan={props.plan}
      />
    </RecordCard>
  );
}

export function MeetingsPage(props: { selected?: string }) {
  const { t } = useI18n();
  const plan = useStore(planStore);
  const roster = useRoster();
  const meetings = useMeetings();
  if (!plan || !roster || !meetings)
    return (
      <main>
        <ProgrammeNav />
        <p class="muted">{t('loading')}</p>
      </main>
    );
  return (
    <main class="programme">
      <ProgrammeNav />
      <h1>{t('meetings_title')}</h1>
      <Section title={t('meeting_record')}>
        <MeetingForm plan={plan} roster={roster} />
      </Section>
      <h2>
        {t('meetings_title')} ({meetings.length})
      </h2>
      {meetings.length === 0 && <p class="muted">{t('meetings_none')}</p>}
      {[...meetings].reverse().map((m) => (
        <MeetingCard key={m.id} meeting={m} plan={plan} roster={roster} selected={props.selected} />
      ))}
    </main>
  );
}
