// Action items, one concept for a drill's improvements (V2) and a meeting's actions (M1): the
// editor in a record's form, and the list on a record with each item's state and a form to mark
// it done (its owner, or a role the plan's `permissions.complete_item` lists; the server says who
// may).
import { useState } from 'preact/hooks';
import { api, unwrap, type ApiError, type Plan } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { partyName, roleName } from '../../lib/names';
import { session } from '../../lib/session';
import { useStore } from '../../lib/store';
import { Field, FieldGroup, FormError, Submit, useSubmit } from '../../lib/ui';
import type { ActionItem } from './model';
import { bumpRecorded } from '../../lib/useLive';
import { keyed, type Keyed } from '../../lib/rows';

export interface NewItem {
  text: string;
  owner_role: string;
  owner_party: string;
  due: string;
}

const ITEM_STATE = {
  open: ['open', 'duty_open'],
  done: ['met', 'duty_met'],
  overdue: ['breached', 'duty_breached'],
} as const;

export function ItemsEditor(props: {
  legend: string;
  field: 'improvements' | 'actions';
  plan: Plan;
  error: ApiError | null;
  items: Keyed<NewItem>[];
  onChange: (items: Keyed<NewItem>[]) => void;
  addLabel: string;
}) {
  const { t, text } = useI18n();
  const me = useStore(session);
  const { field, items, error } = props;
  const setItem = (i: number, patch: Partial<NewItem>) =>
    props.onChange(items.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const id = (i: number, key: string) => `f-${field}[${i}].${key}`;
  return (
    <FieldGroup
      legend={props.legend}
      field={field}
      error={error}
      claimed={(f) => new RegExp(`^${field}\\[\\d+\\]\\.`).test(f)}
    >
      {items.map((item, i) => (
        <div class="row" key={item.key}>
          <Field label={t('drill_improvement_text')} field={`${field}[${i}].text`} error={error}>
            <input
              id={id(i, 'text')}
              required
              value={item.text}
              onInput={(e) => setItem(i, { text: e.currentTarget.value })}
            />
          </Field>
          <Field label={t('drill_improvement_owner_role')} field={`${field}[${i}].owner_role`} error={error}>
            <select
              id={id(i, 'owner_role')}
              value={item.owner_role}
              onChange={(e) => setItem(i, { owner_role: e.currentTarget.value })}
            >
              {props.plan.roles.map((r) => (
                <option key={r.id} value={r.id}>
                  {text(r.name)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('drill_improvement_owner_party')} field={`${field}[${i}].owner_party`} error={error}>
            <select
              id={id(i, 'owner_party')}
              value={item.owner_party}
              onChange={(e) => setItem(i, { owner_party: e.currentTarget.value })}
            >
              {props.plan.parties.map((p) => (
                <option key={p.id} value={p.id}>
                  {text(p.name)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('drill_improvement_due')} field={`${field}[${i}].due`} error={error}>
            <input
              id={id(i, 'due')}
              type="date"
              required
              value={item.due}
              onInput={(e) => setItem(i, { due: e.currentTarget.value })}
            />
          </Field>
          <button type="button" class="link" onClick={() => props.onChange(items.filter((_, j) => j !== i))}>
            {t('drill_improvement_remove')}
          </button>
        </div>
      ))}
      <button
        type="button"
        class="link"
        onClick={() =>
          props.onChange([
            ...items,
            keyed({
              text: '',
              owner_role: props.plan.roles[0]?.id ?? '',
              owner_party: me?.party ?? props.plan.parties[0]?.id ?? '',
              due: '',
            }),
          ])
        }
      >
        + {props.addLabel}
      </button>
    </FieldGroup>
  );
}

export function ItemsList(props: {
  title: string;
  record: string;
  list: 'improvements' | 'actions';
  items: ActionItem[];
  plan: Plan;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  if (props.items.length === 0) return null;
  return (
    <>
      <h4>{props.title}</h4>
      <ul class={`plain ${props.list}`}>
        {props.items.map((x) => (
          <li key={x.n}>
            <span class={`badge ${ITEM_STATE[x.state][0]}`}>{t(ITEM_STATE[x.state][1])}</span> {x.text} ·{' '}
            {roleName(props.plan, i18n, x.owner_role)} ({partyName(props.plan, i18n, x.owner_party)}) ·{' '}
            {t('drill_improvement_due')} {x.due}
            {x.state === 'done' ? (
              x.note ? (
                ` · ${x.note}`
              ) : (
                ''
              )
            ) : (
              <CompleteItem record={props.record} list={props.list} n={x.n} />
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

function CompleteItem(props: { record: string; list: 'improvements' | 'actions'; n: number }) {
  const { t } = useI18n();
  const [note, setNote] = useState('');
  const path = { id: props.record, n: props.n };
  const { error, busy, submit } = useSubmit(
    async (): Promise<void> => {
      if (props.list === 'improvements') {
        await unwrap(api.POST('/api/v1/drills/{id}/improvements/{n}/complete', { params: { path }, body: { note } }));
      } else {
        await unwrap(api.POST('/api/v1/meetings/{id}/actions/{n}/complete', { params: { path }, body: { note } }));
      }
    },
    () => bumpRecorded(),
  );
  return (
    <details class="complete-item">
      <summary>{t('item_complete')}</summary>
      <form
        noValidate
        onSubmit={submit}
        class="command"
        aria-label={`${t('item_complete')} ${props.record}.${props.n}`}
      >
        <Field label={t('item_note')} field="note" error={error}>
          <input
            id={`f-note-${props.record}-${props.n}`}
            required
            value={note}
            onInput={(e) => setNote(e.currentTarget.value)}
          />
        </Field>
        <FormError error={error} fields={['note']} />
        <Submit busy={busy} label={t('item_complete')} />
      </form>
    </details>
  );
}
