// 数据备份 (B1–B3): each of the plan's backup locations with its kind and physical isolation (B3),
// its last successful run and whether each of the last days had one (B1, the duty per location
// and day as the server keeps it); the latest runs reported; the restore tests (B2) with their
// success rate per month and per year, and the form that records one; and the curl line a
// backup job reports its runs with.
import { useState } from 'preact/hooks';
import { api, unwrap, type Schemas } from '../../api/client';
import { fill, planTimeZone, useI18n } from '../../i18n/i18n';
import { Disclosure, Field, FormError, Section, serverNow, Submit, useSubmit } from '../../lib/ui';
import { localNow, toInstant } from '../../lib/instant';
import { DutyBadge, useDuties } from '../../lib/duties';
import { localized } from '../../lib/errors';
import { scrollIfSelected } from '../../lib/records';
import { bumpRecorded, useLive } from '../../lib/useLive';
import { curlLine, latestRuns, percentOf, recentDays, sizeOf, type BackupRun } from './model';

const DAYS = 14;
const RUNS = 10;

const useLocations = () => useLive(() => unwrap(api.GET('/api/v1/backups')).then((r) => r.locations));
const useRuns = () => useLive(() => unwrap(api.GET('/api/v1/backups/runs')).then((r) => r.runs));
const useRestoreTests = () => useLive(() => unwrap(api.GET('/api/v1/backups/restore-tests')));

type Location = NonNullable<ReturnType<typeof useLocations>>[number];
type Restore = NonNullable<ReturnType<typeof useRestoreTests>>;
type Duty = Schemas['ProgrammeDuty'];

function ResultBadge(props: { result: 'success' | 'failure' }) {
  const { t } = useI18n();
  return (
    <span class={`badge ${props.result === 'success' ? 'met' : 'breached'}`}>
      {t(props.result === 'success' ? 'backups_success' : 'backups_failure')}
    </span>
  );
}

function LocationsTable(props: { locations: Location[]; duties: Duty[] }) {
  const { t, text, time } = useI18n();
  return (
    <table class="locations">
      <thead>
        <tr>
          <th>{t('backups_locations')}</th>
          <th>{t('backups_kind')}</th>
          <th>{t('backups_isolation')}</th>
          <th>{t('backups_last_success')}</th>
          <th>{fill(t('backups_days'), { n: DAYS })}</th>
        </tr>
      </thead>
      <tbody>
        {props.locations.map((l) => (
          <tr key={l.id} data-location={l.id}>
            <td>
              <span class="rule">{l.id}</span> {text(l.name)}
            </td>
            <td class="nowrap">{t(l.kind === 'local' ? 'backups_kind_local' : 'backups_kind_cloud')}</td>
            <td data-isolated={String(l.isolated)}>
              <span class={`badge ${l.isolated ? 'met' : 'breached'}`}>
                {t(l.isolated ? 'backups_isolated' : 'backups_not_isolated')}
              </span>
            </td>
            <td class="nowrap">
              {l.last_success ? (
                <>
                  {time(l.last_success.finished_at, false)} · {sizeOf(l.last_success.size)}
                </>
              ) : (
                <span class="muted">{t('backups_never')}</span>
              )}
            </td>
            <td>
              <ol class="days">
                {recentDays(props.duties, l.id, DAYS, serverNow()).map((d) => (
                  <li key={d.period} data-day={d.period} data-state={d.state}>
                    <span class="day">{d.period.slice(5)}</span> <DutyBadge duty={d} short />
                  </li>
                ))}
              </ol>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RunsTable(props: { runs: BackupRun[]; locations: Location[]; selected?: string }) {
  const { t, text, time } = useI18n();
  if (props.runs.length === 0) return <p class="muted">{t('backups_runs_none')}</p>;
  const where = (id: string) => {
    const l = props.locations.find((x) => x.id === id);
    return l ? text(l.name) : id;
  };
  return (
    <table class="runs">
      <thead>
        <tr>
          <th>{t('backups_locations')}</th>
          <th>{t('backups_started')}</th>
          <th>{t('backups_finished')}</th>
          <th>{t('backups_size')}</th>
          <th>SHA-256</th>
          <th>{t('backups_result')}</th>
        </tr>
      </thead>
      <tbody>
        {latestRuns(props.runs, RUNS).map((r) => (
          <tr
            key={r.id}
            id={r.id}
            data-run={r.id}
            class={props.selected === r.id ? 'selected' : ''}
            ref={scrollIfSelected(props.selected === r.id)}
          >
            <td>
              <span class="rule">{r.id}</span> {where(r.location)}
            </td>
            <td class="nowrap">{time(r.started_at, false)}</td>
            <td class="nowrap">{time(r.finished_at, false)}</td>
            <td class="nowrap">{sizeOf(r.size)}</td>
            <td>
              <code title={r.sha256}>{r.sha256.slice(0, 12)}…</code>
            </td>
            <td>
              <ResultBadge result={r.result} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RatesTable(props: { title: string; rates: Restore['success_rate']['months']; kind: string }) {
  const { t } = useI18n();
  return (
    <div>
      <h3>{props.title}</h3>
      <table class="rates" data-rates={props.kind}>
        <thead>
          <tr>
            <th>{t('programme_period')}</th>
            <th>{t('restore_tests')}</th>
            <th>{t('backups_success')}</th>
            <th>{t('restore_rate')}</th>
          </tr>
        </thead>
        <tbody>
          {[...props.rates].reverse().map((r) => (
            <tr key={r.period} data-period={r.period}>
              <td>{r.period}</td>
              <td>{r.tests}</td>
              <td>{r.succeeded}</td>
              <td class={r.per_mille < 1000 ? 'short' : ''}>{percentOf(r.per_mille)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RestoreForm(props: { locations: Location[] }) {
  const i18n = useI18n();
  const { t, text } = i18n;
  const zone = planTimeZone();
  const [dataset, setDataset] = useState('');
  const [location, setLocation] = useState(props.locations[0]?.id ?? '');
  const [heldAt, setHeldAt] = useState(() => localNow(zone));
  const [duration, setDuration] = useState('');
  const [result, setResult] = useState<'success' | 'failure'>('success');
  const [recorded, setRecorded] = useState('');
  const labels = {
    dataset: t('restore_dataset'),
    location: t('restore_location'),
    held_at: t('restore_held_at'),
    duration: t('restore_duration'),
    result: t('backups_result'),
  };
  const { error, busy, submit } = useSubmit(
    localized(i18n, labels, () =>
      unwrap(
        api.POST('/api/v1/backups/restore-tests', {
          body: { dataset, location, held_at: toInstant(heldAt, zone), duration, result },
        }),
      ),
    ),
    (r) => {
      setRecorded(r.id);
      setDuration('');
      bumpRecorded();
    },
  );
  return (
    <form noValidate onSubmit={submit} class="command" aria-label={t('restore_record')}>
      <div class="row">
        <Field label={t('restore_dataset')} field="dataset" error={error}>
          <input id="f-dataset" required value={dataset} onInput={(e) => setDataset(e.currentTarget.value)} />
        </Field>
        <Field label={t('restore_location')} field="location" error={error}>
          <select id="f-location" value={location} onChange={(e) => setLocation(e.currentTarget.value)}>
            {props.locations.map((l) => (
              <option key={l.id} value={l.id}>
                {text(l.name)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={`${t('restore_held_at')} (${zone})`} field="held_at" error={error}>
          <input
            id="f-held_at"
            type="datetime-local"
            required
            value={heldAt}
            onInput={(e) => setHeldAt(e.currentTarget.value)}
          />
        </Field>
        <Field label={t('restore_duration')} field="duration" error={error} hint={t('restore_duration_hint')}>
          <input id="f-duration" required value={duration} onInput={(e) => setDuration(e.currentTarget.value)} />
        </Field>
        <Field label={t('backups_result')} field="result" error={error}>
          <select
            id="f-result"
            value={result}
            onChange={(e) => setResult(e.currentTarget.value as 'success' | 'failure')}
          >
            <option value="success">{t('backups_success')}</option>
            <option value="failure">{t('backups_failure')}</option>
          </select>
        </Field>
      </div>
      <FormError error={error} fields={Object.keys(labels)} />
      {recorded && !error && (
        <output class="ok">
          {t('records_recorded')}: <a href={`#/backups/${recorded}`}>{recorded}</a>
        </output>
      )}
      <Submit busy={busy} label={t('restore_submit')} />
    </form>
  );
}

export function BackupsPage(props: { selected?: string }) {
  const { t, text, time } = useI18n();
  const locations = useLocations();
  const runs = useRuns();
  const restore = useRestoreTests();
  const duties = useDuties('B1', 'B2');
  if (!locations || !runs || !restore)
    return (
      <main>
        <p class="muted">{t('loading')}</p>
      </main>
    );
  const month = duties?.filter((d) => d.rule === 'B2').pop();
  const where = (id: string) => {
    const l = locations.find((x) => x.id === id);
    return l ? text(l.name) : id;
  };
  return (
    <main class="backups-page">
      <h1>{t('backups_title')}</h1>
      <p class="meta">{t('backups_rule')}</p>
      <Section title={t('backups_locations')}>
        <LocationsTable locations={locations} duties={duties ?? []} />
      </Section>
      <Section title={t('backups_runs')} class="card runs">
        <RunsTable runs={runs} locations={locations} selected={props.selected} />
        <details class="curl no-print">
          <summary>{t('backups_report')}</summary>
          <p class="meta">{t('backups_report_explain')}</p>
          <pre>
            <code>{curlLine(location.origin, locations[0]?.id ?? 'local')}</code>
          </pre>
        </details>
      </Section>
      <Section title={`${t('restore_tests')} (${restore.restore_tests.length})`} class="card restore-tests">
        {month && (
          <p class="meta" data-duty="B2">
            {t('rule_B2')} {month.period}: <DutyBadge duty={month} />
          </p>
        )}
        <div class="figure-grid">
          <RatesTable
            title={`${t('restore_rate')} · ${t('restore_per_month')}`}
            rates={restore.success_rate.months}
            kind="months"
          />
          <RatesTable
            title={`${t('restore_rate')} · ${t('restore_per_year')}`}
            rates={restore.success_rate.years}
            kind="years"
          />
        </div>
        <Disclosure summary={t('restore_record')} open={restore.restore_tests.length === 0}>
          <RestoreForm locations={locations} />
        </Disclosure>
        {restore.restore_tests.length === 0 ? (
          <p class="muted">{t('restore_none')}</p>
        ) : (
          <table class="restores">
            <thead>
              <tr>
                <th>{t('restore_held_at')}</th>
                <th>{t('restore_dataset')}</th>
                <th>{t('restore_location')}</th>
                <th>{t('restore_duration')}</th>
                <th>{t('backups_result')}</th>
              </tr>
            </thead>
            <tbody>
              {[...restore.restore_tests].reverse().map((x) => (
                <tr
                  key={x.id}
                  id={x.id}
                  data-restore={x.id}
                  class={props.selected === x.id ? 'selected' : ''}
                  ref={scrollIfSelected(props.selected === x.id)}
                >
                  <td class="nowrap">
                    <span class="rule">{x.id}</span> {time(x.held_at, false)}
                  </td>
                  <td>{x.dataset}</td>
                  <td>{where(x.location)}</td>
                  <td>{x.duration}</td>
                  <td>
                    <ResultBadge result={x.result} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
    </main>
  );
}
