// The commands of an incident's life, one small form each. Each posts to its API route and hands
// the updated incident back; a refusal shows next to the field it names, in the reader's language,
// and what was typed stays; a success is confirmed and the form emptied (lib/submit.ts).
import { useState } from 'preact/hooks';
import type { IncidentDetail, Plan } from '../../api/client';
import { planTimeZone, useI18n } from '../../i18n/i18n';
import { toInstant } from '../../lib/instant';
import { keyed, unkeyed, type Keyed } from '../../lib/rows';
import { Field, FormError, Submit, useSubmit } from '../../lib/ui';
import { commands, type Body, type Evidence } from './commands';
import { FileEvidenceInput } from './FileEvidence';

type Done = (incident: IncidentDetail) => void;
type Kind = Evidence['kind'];
type Avoidability = Body<'/api/v1/incidents/{id}/review'>['avoidability'];
const AVOIDABILITY: readonly Avoidability[] = ['avoidable', 'partly', 'unavoidable'];
const PARTLY: Avoidability = 'partly';

export function SyncForm(props: { incident: IncidentDetail; done: Done }) {
  const { t } = useI18n();
  const [note, setNote] = useState('');
  const { error, busy, submit } = useSubmit(() => commands(props.incident.id).sync(note), props.done, {
    confirm: t('done_sync'),
    reset: () => setNote(''),
    labels: { note: t('sync_note') },
  });
  return (
    <form noValidate onSubmit={submit} class="command" aria-label={t('sync_title')}>
      <Field label={t('sync_note')} field="note" error={error}>
        <input value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      </Field>
      <FormError error={error} fields={['note']} />
      <Submit busy={busy} label={t('sync_submit')} />
    </form>
  );
}

export function AssessForm(props: { incident: IncidentDetail; plan: Plan; done: Done }) {
  const { t, text } = useI18n();
  const { assessment, levels } = props.plan;
  const [impact, setImpact] = useState(assessment.impact[0]?.id ?? '');
  const [urgency, setUrgency] = useState(assessment.urgency[0]?.id ?? '');
  const suggested = assessment.matrix[impact]?.[urgency] ?? '';
  const [level, setLevel] = useState('');
  const [reason, setReason] = useState('');
  const chosen = level || suggested;
  const { error, busy, submit } = useSubmit(
    () =>
      commands(props.incident.id).assess({
        impact,
        urgency,
        ...(chosen !== suggested ? { level: chosen, reason } : {}),
      }),
    props.done,
    {
      confirm: t('done_assess'),
      labels: {
        impact: t('assess_impact'),
        urgency: t('assess_urgency'),
        level: t('assess_override'),
        reason: t('assess_reason'),
      },
    },
  );
  return (
    <form noValidate onSubmit={submit} class="command" aria-label={t('assess_title')}>
      <table class="matrix">
        <caption>{t('plan_matrix')} (P4)</caption>
        <thead>
          <tr>
            <th scope="col">
              {t('assess_impact')} / {t('assess_urgency')}
            </th>
            {assessment.urgency.map((u) => (
              <th key={u.id} scope="col">
                {text(u.name)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {assessment.impact.map((i) => (
            <tr key={i.id}>
              <th scope="row" title={text(i.description)}>
                {text(i.name)}
              </th>
              {assessment.urgency.map((u) => {
                const cell = assessment.matrix[i.id]?.[u.id] ?? '';
                const selected = i.id === impact && u.id === urgency;
                return (
                  <td key={u.id} class={selected ? 'selected' : ''}>
                    <button
                      type="button"
                      aria-pressed={selected}
                      onClick={() => {
                        setImpact(i.id);
                        setUrgency(u.id);
                        setLevel('');
                      }}
                    >
                      {cell}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        {t('assess_suggested')}: <strong class={`level-tag level-${suggested}`}>{suggested}</strong>
      </p>
      <div class="row">
        <Field label={t('assess_override')} field="level" error={error}>
          <select value={chosen} onChange={(e) => setLevel(e.currentTarget.value)}>
            {levels.map((l) => (
              <option key={l.id} value={l.id}>
                {l.id} {text(l.name)}
              </option>
            ))}
          </select>
        </Field>
        {chosen !== suggested && (
          <Field label={t('assess_reason')} field="reason" error={error}>
            <input required value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
          </Field>
        )}
      </div>
      <FormError error={error} fields={['impact', 'urgency', 'level', 'reason']} />
      <Submit busy={busy} label={t('assess_submit')} />
    </form>
  );
}

export function LevelForm(props: { incident: IncidentDetail; plan: Plan; done: Done }) {
  const { t, text } = useI18n();
  // The list starts at the incident's level: a change is a choice, never a default.
  const levels = props.plan.levels;
  const [level, setLevel] = useState(props.incident.level ?? levels[0]?.id ?? '');
  const [reason, setReason] = useState('');
  const { error, busy, submit } = useSubmit(() => commands(props.incident.id).level(level, reason), props.done, {
    confirm: t('done_level'),
    reset: () => setReason(''),
    labels: { level: t('incident_level'), reason: t('reason') },
  });
  return (
    <form noValidate onSubmit={submit} class="command" aria-label={t('level_change_title')}>
      <div class="row">
        <Field label={t('incident_level')} field="level" error={error}>
          <select value={level} onChange={(e) => setLevel(e.currentTarget.value)}>
            {levels.map((l) => (
              <option key={l.id} value={l.id}>
                {l.id} {text(l.name)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('reason')} field="reason" error={error}>
          <input required value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
        </Field>
      </div>
      <FormError error={error} fields={['level', 'reason']} />
      <Submit busy={busy} label={t('level_change_submit')} />
    </form>
  );
}

interface EvidenceRow {
  kind: Kind;
  text: string;
  ref: string;
}

/** Evidence items; `count` rows to begin with (S3: three quotes); `send` is the command. */
export function EvidenceForm(props: {
  send: (evidence: Evidence[]) => Promise<IncidentDetail>;
  kind: Kind;
  count: number;
  label: string;
  done: Done;
  confirm?: string; // said once it is recorded
}) {
  const { t } = useI18n();
  const row = () => keyed<EvidenceRow>({ kind: props.kind, text: '', ref: '' });
  const empty = () => Array.from({ length: Math.max(1, props.count) }, row);
  const [rows, setRows] = useState<Keyed<EvidenceRow>[]>(empty);
  const set = (i: number, patch: Partial<EvidenceRow>) =>
    setRows((now) => now.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const [uploads, setUploads] = useState(0); // files being sent: the form waits for their digests
  const { error, busy, submit } = useSubmit(
    () => props.send(unkeyed(rows).map((r) => ({ kind: r.kind, text: r.text, ...(r.ref ? { ref: r.ref } : {}) }))),
    props.done,
    {
      confirm: props.confirm,
      reset: () => setRows(empty()),
      labels: { evidence: t('step_evidence'), 'evidence.text': t('evidence_text'), 'evidence.ref': t('evidence_ref') },
    },
  );
  return (
    <form noValidate onSubmit={submit} class="evidence-form">
      {rows.map((r, i) => (
        <div class="row" key={r.key}>
          <Field label={t('step_evidence')} field={`evidence[${i}].kind`} error={error}>
            <select
              value={r.kind}
              onChange={(e) => {
                const kind = e.currentTarget.value as Kind;
                // A file's reference is its upload's digest: none carries over to or from a file.
                set(i, kind === 'file' || r.kind === 'file' ? { kind, ref: '' } : { kind });
              }}
            >
              <option value="note">{t('evidence_note')}</option>
              <option value="file">{t('evidence_file')}</option>
              <option value="record">{t('evidence_record')}</option>
            </select>
          </Field>
          <Field label={t('evidence_text')} field={`evidence[${i}].text`} error={error}>
            <input required value={r.text} onInput={(e) => set(i, { text: e.currentTarget.value })} />
          </Field>
          {r.kind === 'file' ? (
            <FileEvidenceInput
              field={`evidence[${i}].ref`}
              error={error}
              onChange={(ref) => set(i, { ref })}
              onBusy={(b) => setUploads((n) => n + (b ? 1 : -1))}
            />
          ) : (
            <Field label={t('evidence_ref')} field={`evidence[${i}].ref`} error={error}>
              <input value={r.ref} onInput={(e) => set(i, { ref: e.currentTarget.value })} />
            </Field>
          )}
        </div>
      ))}
      <button type="button" class="link" onClick={() => setRows((now) => [...now, row()])}>
        + {t('evidence_add')}
      </button>
      <FormError error={error} fields={rows.map((_, i) => `evidence[${i}]`)} />
      <Submit busy={busy || uploads > 0} label={props.label} />
    </form>
  );
}

/** One text and a button (a note, a reason, a summary, a comment); `send` is the command. */
export function ReasonForm(props: {
  send: (value: string) => Promise<IncidentDetail>;
  title: string;
  label: string;
  field?: string;
  kind?: 'primary' | 'danger';
  optional?: boolean;
  done: Done;
  confirm?: string; // said once it is recorded
  // Asked before it is sent (waiving a step, cancelling the incident): the question and its yes.
  ask?: { question: string; yes: string };
}) {
  const { t } = useI18n();
  const field = props.field ?? 'reason';
  const label = field === 'reason' ? t('reason') : props.title;
  const [value, setValue] = useState('');
  const [asking, setAsking] = useState(false);
  const { error, busy, submit, validate } = useSubmit(() => props.send(value), props.done, {
    confirm: props.confirm,
    reset: () => {
      setValue('');
      setAsking(false);
    },
    labels: { [field]: label },
  });
  // The form's own checks come before the question: nobody is asked to confirm an empty reason.
  const onSubmit = (e: Event) => {
    if (props.ask && !asking) {
      e.preventDefault();
      if (validate(e.currentTarget as HTMLFormElement)) setAsking(true);
    } else void submit(e);
  };
  return (
    <form noValidate onSubmit={onSubmit} class="command" aria-label={props.title}>
      <Field label={label} field={field} error={error}>
        <textarea rows={2} required={!props.optional} value={value} onInput={(e) => setValue(e.currentTarget.value)} />
      </Field>
      <FormError error={error} fields={[field]} />
      {asking && props.ask ? (
        <fieldset class="confirm">
          <legend>{props.ask.question}</legend>
          <Submit busy={busy} label={props.ask.yes} kind="danger" />{' '}
          <button type="button" class="link" onClick={() => setAsking(false)}>
            {t('confirm_back')}
          </button>
        </fieldset>
      ) : (
        <Submit busy={busy} label={props.label} kind={props.kind} />
      )}
    </form>
  );
}

export function ReviewForm(props: { incident: IncidentDetail; plan: Plan; done: Done }) {
  const { t, text } = useI18n();
  const zone = planTimeZone();
  const [v, setV] = useState({
    occurred: '',
    location: '',
    responsible: '',
    direct: '',
    indirect: '',
    avoidability: PARTLY,
    notes: '',
  });
  const [actions, setActions] = useState<{ id: string; text: string; owner_role: string; due: string }[]>([]);
  const set = (patch: Partial<typeof v>) => setV({ ...v, ...patch });
  const { error, busy, submit } = useSubmit(
    () =>
      commands(props.incident.id).review({
        occurred_at: v.occurred ? toInstant(v.occurred, zone) : props.incident.discovered_at,
        location: v.location,
        responsible: v.responsible,
        direct_cause: v.direct,
        indirect_cause: v.indirect,
        avoidability: v.avoidability,
        ...(v.notes ? { avoidability_notes: v.notes } : {}),
        actions: actions.map((a) => ({
          id: a.id,
          text: a.text,
          owner_role: a.owner_role,
          ...(a.due ? { due: toInstant(a.due, zone) } : {}),
        })),
      }),
    props.done,
    {
      confirm: t('done_review'),
      labels: {
        occurred_at: t('review_occurred'),
        location: t('review_location'),
        responsible: t('review_responsible'),
        direct_cause: t('review_direct'),
        indirect_cause: t('review_indirect'),
        avoidability: t('review_avoidability'),
        review: t('review_title'),
        'review.location': t('review_location'),
        'review.responsible': t('review_responsible'),
        'review.direct_cause': t('review_direct'),
        'review.indirect_cause': t('review_indirect'),
        'review.occurred_at': t('review_occurred'),
        'review.actions': t('review_actions'),
        'review.actions.text': t('review_action_text'),
        'review.actions.owner_role': t('review_action_owner'),
      },
    },
  );
  const fields = [
    'occurred_at',
    'location',
    'responsible',
    'direct_cause',
    'indirect_cause',
    'avoidability',
    'actions',
    'review',
  ];
  return (
    <form noValidate onSubmit={submit} class="command" aria-label={t('review_title')}>
      <div class="row">
        <Field label={`${t('review_occurred')} (${zone})`} field="occurred_at" error={error}>
          <input
            id="f-occurred_at"
            type="datetime-local"
            value={v.occurred}
            onInput={(e) => set({ occurred: e.currentTarget.value })}
          />
        </Field>
        <Field label={t('review_location')} field="location" error={error}>
          <input
            id="f-location"
            required
            value={v.location}
            onInput={(e) => set({ location: e.currentTarget.value })}
          />
        </Field>
        <Field label={t('review_responsible')} field="responsible" error={error}>
          <input
            id="f-responsible"
            required
            value={v.responsible}
            onInput={(e) => set({ responsible: e.currentTarget.value })}
          />
        </Field>
      </div>
      <Field label={t('review_direct')} field="direct_cause" error={error}>
        <textarea
          id="f-direct_cause"
          rows={2}
          required
          value={v.direct}
          onInput={(e) => set({ direct: e.currentTarget.value })}
        />
      </Field>
      <Field label={t('review_indirect')} field="indirect_cause" error={error}>
        <textarea
          id="f-indirect_cause"
          rows={2}
          required
          value={v.indirect}
          onInput={(e) => set({ indirect: e.currentTarget.value })}
        />
      </Field>
      <div class="row">
        <Field label={t('review_avoidability')} field="avoidability" error={error}>
          <select
            id="f-avoidability"
            value={v.avoidability}
            onChange={(e) => set({ avoidability: AVOIDABILITY.find((a) => a === e.currentTarget.value) ?? PARTLY })}
          >
            <option value="avoidable">{t('review_avoidable')}</option>
            <option value="partly">{t('review_partly')}</option>
            <option value="unavoidable">{t('review_unavoidable')}</option>
          </select>
        </Field>
        <Field label={t('review_notes')} field="avoidability_notes" error={error}>
          <input id="f-avoidability_notes" value={v.notes} onInput={(e) => set({ notes: e.currentTarget.value })} />
        </Field>
      </div>
      <fieldset>
        <legend>{t('review_actions')}</legend>
        {actions.map((a, i) => (
          <div class="row" key={a.id}>
            <Field label={t('review_action_text')} field={`review.actions[${i}].text`} error={error}>
              <input
                id={`f-review.actions[${i}].text`}
                required
                value={a.text}
                onInput={(e) =>
                  setActions(actions.map((x, j) => (j === i ? { ...x, text: e.currentTarget.value } : x)))
                }
              />
            </Field>
            <Field label={t('review_action_owner')} field={`review.actions[${i}].owner_role`} error={error}>
              <select
                id={`f-review.actions[${i}].owner_role`}
                value={a.owner_role}
                onChange={(e) =>
                  setActions(actions.map((x, j) => (j === i ? { ...x, owner_role: e.currentTarget.value } : x)))
                }
              >
                {props.plan.roles.map((r) => (
                  <option key={r.id} value={r.id}>
                    {text(r.name)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={`${t('review_action_due')} (${zone})`} field={`review.actions[${i}].due`} error={error}>
              <input
                id={`f-review.actions[${i}].due`}
                type="datetime-local"
                value={a.due}
                onInput={(e) => setActions(actions.map((x, j) => (j === i ? { ...x, due: e.currentTarget.value } : x)))}
              />
            </Field>
          </div>
        ))}
        <button
          type="button"
          class="link"
          onClick={() =>
            setActions([
              ...actions,
              { id: `A${actions.length + 1}`, text: '', owner_role: props.plan.roles[0]?.id ?? '', due: '' },
            ])
          }
        >
          + {t('review_action_add')}
        </button>
      </fieldset>
      <FormError error={error} fields={fields} />
      <Submit busy={busy} label={t('review_submit')} />
    </form>
  );
}
