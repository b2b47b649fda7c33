// What the programme's pages share: their sub-navigation, their records (kept current over the
// live stream), picking contacts of both parties, and an assessment per person.
import type { ComponentChildren } from 'preact';
import { api, unwrap, type ApiError } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { scrollIfSelected } from '../../lib/records';
import { contactName, type Roster } from '../../lib/roster';
import { useRoute } from '../../lib/router';
import { FieldGroup } from '../../lib/ui';
import { useLive } from '../../lib/useLive';

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

export const useDrills = () => useLive(() => unwrap(api.GET('/api/v1/drills')).then((r) => r.drills));
export const useTrainings = () => useLive(() => unwrap(api.GET('/api/v1/trainings')).then((r) => r.trainings));
export const useMeetings = () => useLive(() => unwrap(api.GET('/api/v1/meetings')).then((r) => r.meetings));

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
