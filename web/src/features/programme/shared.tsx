// What the programme's pages share: their sub-navigation, the roster and the records (kept
// current over the live stream), picking contacts of both parties, and an assessment per person.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, unwrap, type ApiError, type Schemas } from '../../api/client';
import { useI18n, type I18n } from '../../i18n/i18n';
import { onEvent, onReconnect } from '../../lib/live';
import { useRoute } from '../../lib/router';
import { createStore } from '../../lib/store';
import { FieldGroup } from '../../lib/ui';
import { localizeError, type FieldLabels } from '../../lib/errors';

export type Roster = Schemas['Roster'];
export type RosterContact = Roster['contacts'][number];

/** Bumped when this browser records something: its pages reload without waiting for the stream. */
export const recorded = createStore(0);
export const bumpRecorded = () => recorded.set(recorded.get() + 1);

/**
 * Loads `load` now, again at each record of `streams` (either party's, over the live stream; this
 * browser's own at once) and after a reconnect. `deps` reload it when they change.
 */
export function useLive<T>(
  load: () => Promise<T>,
  deps: unknown[] = [],
  streams: readonly string[] = ['programme'],
): T | null {
  const [value, setValue] = useState<T | null>(null);
  useEffect(() => {
    const run = () =>
      void load()
        .then(setValue)
        .catch(() => undefined);
    run();
    const offEvent = onEvent((e) => {
      if (streams.includes(e.stream)) run();
    });
    const offReconnect = onReconnect(run);
    const offRecorded = recorded.subscribe(run);
    return () => {
      offEvent();
      offReconnect();
      offRecorded();
    };
  }, deps);
  return value;
}

export const useRoster = () => useLive(() => unwrap(api.GET('/api/v1/roster')));
export const useDrills = () => useLive(() => unwrap(api.GET('/api/v1/drills')).then((r) => r.drills));
export const useTrainings = () => useLive(() => unwrap(api.GET('/api/v1/trainings')).then((r) => r.trainings));
export const useMeetings = () => useLive(() => unwrap(api.GET('/api/v1/meetings')).then((r) => r.meetings));
/** The current year's duties of some rules (B1 per location and day, B2, S2), as the server has them. */
export const useDuties = (...rules: string[]) =>
  useLive(
    () =>
      unwrap(api.GET('/api/v1/programme', { params: { query: {} } })).then((a) =>
        (a as { duties: Schemas['ProgrammeDuty'][] }).duties.filter((d) => rules.includes(d.rule)),
      ),
    [rules.join()],
  );

export function contactName(i18n: I18n, roster: Roster | null, id: string): string {
  const c = roster?.contacts.find((x) => x.id === id);
  return c ? i18n.text(c.name) : id;
}

export function names(i18n: I18n, roster: Roster | null, ids: readonly string[]): string {
  return ids.map((id) => contactName(i18n, roster, id)).join(i18n.lang === 'zh-CN' ? '、' : ', ');
}

/** The form's action with its refusal said in the reader's language (errors.ts). */
export function localized<T>(i18n: I18n, labels: FieldLabels, action: () => Promise<T>): () => Promise<T> {
  return () =>
    action().catch((e: unknown) => {
      throw localizeError(e, i18n, { labels });
    });
}

const PAGES = [
  ['/programme', 'nav_programme'],
  ['/drills', 'drills_title'],
  ['/trainings', 'trainings_title'],
  ['/meetings', 'meetings_title'],
] as const;

/** The programme's pages, one a tab. */
export function ProgrammeNav() {
  const { t } = useI18n();
  const route = useRoute();
  return (
    <nav class="tabs no-print" aria-label={t('nav_programme')}>
      {PAGES.map(([path, key]) => (
        <a
          key={path}
          href={`#${path}`}
          aria-current={route === path || route.startsWith(`${path}/`) ? 'page' : undefined}
        >
          {t(key)}
        </a>
      ))}
    </nav>
  );
}

/** Contacts of both parties as checkboxes, one column per party. */
export function ContactPicker(props: {
  legend: string;
  field: string;
  error: ApiError | null;
  roster: Roster;
  value: string[];
  onChange: (ids: string[]) => void;
}) {
  const { text } = useI18n();
  const toggle = (id: string, on: boolean) =>
    props.onChange(on ? [...props.value, id] : props.value.filter((x) => x !== id));
  return (
    <FieldGroup legend={props.legend} field={props.field} error={props.error}>
      <div class="picker">
        {props.roster.parties.map((p) => (
          <div key={p.id}>
            <strong>{text(p.name)}</strong>
            {props.roster.contacts
              .filter((c) => c.party === p.id)
              .map((c) => (
                <label key={c.id} class="check">
                  <input
                    type="checkbox"
                    name={props.field}
                    value={c.id}
                    checked={props.value.includes(c.id)}
                    onChange={(e) => toggle(c.id, e.currentTarget.checked)}
                  />
                  {text(c.name)}
                </label>
              ))}
          </div>
        ))}
      </div>
    </FieldGroup>
  );
}

export type Results = Record<string, 'passed' | 'failed' | ''>;

/** E4: passed, failed or not assessed, for each person taking part. */
export function AssessmentPicker(props: {
  people: string[];
  roster: Roster;
  value: Results;
  onChange: (r: Results) => void;
  error: ApiError | null;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  if (props.people.length === 0) return null;
  return (
    <FieldGroup legend={t('assessment_title')} field="assessment" error={props.error}>
      <div class="picker">
        {props.people.map((id) => (
          <label key={id} class="check">
            <span>{contactName(i18n, props.roster, id)}</span>
            <select
              name={`assessment-${id}`}
              value={props.value[id] ?? ''}
              onChange={(e) => props.onChange({ ...props.value, [id]: e.currentTarget.value as Results[string] })}
            >
              <option value="">{t('assessment_none')}</option>
              <option value="passed">{t('assessment_passed')}</option>
              <option value="failed">{t('assessment_failed')}</option>
            </select>
          </label>
        ))}
      </div>
    </FieldGroup>
  );
}

/** The assessment the API takes: the people assessed among those taking part. */
export function assessmentOf(people: string[], results: Results) {
  return people.filter((id) => results[id]).map((id) => ({ contact: id, passed: results[id] === 'passed' }));
}

/** A `ref` that scrolls the record a link named (#/drills/DR-…) into view. */
export const scrollIfSelected = (selected: boolean) => (el: HTMLElement | null) => {
  if (selected && el) el.scrollIntoView({ block: 'center' });
};

/** One recorded drill, training or meeting; the one a link named stands out and is scrolled to. */
export function RecordCard(props: { id: string; selected?: string; title: string; children: ComponentChildren }) {
  const selected = props.selected === props.id;
  return (
    <article id={props.id} class={`card record${selected ? ' selected' : ''}`} ref={scrollIfSelected(selected)}>
      <h3>
        <span class="rule">{props.id}</span> {props.title}
      </h3>
      {props.children}
    </article>
  );
}

const DUTY_STATE_KEYS = {
  open: 'duty_open',
  met: 'duty_met',
  breached: 'duty_breached',
  waived: 'duty_waived',
  expired: 'state_expired',
} as const;

const DUTY_STATE_SIGNS = { open: '…', met: '✓', breached: '✗', waived: '–', expired: '–' } as const;

/** A duty's state as a badge: colour and the word (`short`: a sign, the word its label). */
export function DutyBadge(props: { duty: Pick<Schemas['ProgrammeDuty'], 'state'>; short?: boolean }) {
  const { t } = useI18n();
  const word = t(DUTY_STATE_KEYS[props.duty.state]);
  if (props.short) {
    return (
      <span class={`badge ${props.duty.state}`} title={word} aria-label={word}>
        {DUTY_STATE_SIGNS[props.duty.state]}
      </span>
    );
  }
  return <span class={`badge ${props.duty.state}`}>{word}</span>;
}

/** "演练时间 2026-03-02 09:00" style facts of a record. */
export function Facts(props: { rows: [string, ComponentChildren][] }) {
  return (
    <dl class="facts">{props.rows.map(([k, v]) => [<dt key={`${k}-t`}>{k}</dt>, <dd key={`${k}-d`}>{v}</dd>])}</dl>
  );
}
