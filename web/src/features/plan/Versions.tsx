// The plan's versions (in force, proposed, superseded) with each party's signature, and for a
// version not yet signed by every party: its description, what it changes, the YAML's line diff,
// whether a joint meeting it needs is missing, and a Sign button for a signer whose party has not
// signed (docs/plan-signing.md). Administrators propose new versions here.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { pdfLang, useI18n, type I18n } from '../../i18n/i18n';
import { onEvent } from '../../lib/live';
import { partyName } from '../../lib/names';
import { plan as planStore, reloadPlan, session } from '../../lib/session';
import { useStore } from '../../lib/store';
import { Section, useSubmit } from '../../lib/ui';
import { getVersion, listVersions, proposeVersion, signVersion, type PlanVersion } from '../../lib/signing/api';
import { signerParty } from '../../lib/signing/signer';
import { SigningError } from '../../lib/signing/SigningError';

const STATE_KEY = {
  in_force: 'version_in_force',
  proposed: 'version_proposed',
  superseded: 'version_superseded',
} as const;

/** The diff's lines, each with its number in the diff (a line's identity: the diff never changes). */
const diffLines = (diff: string) =>
  diff
    .split('\n')
    .filter((l) => l !== '')
    .map((line, number) => ({ number, line }));

function Diff(props: { v: number }) {
  const { t } = useI18n();
  const [diff, setDiff] = useState<string | null>(null);
  useEffect(() => {
    void getVersion(props.v).then(
      (x) => setDiff(x.diff ?? ''),
      () => setDiff(''),
    );
  }, [props.v]);
  if (diff === null) return <p class="muted">{t('loading')}</p>;
  if (diff === '') return <p class="muted">{t('version_diff_none')}</p>;
  return (
    <pre class="diff" aria-label={t('version_diff')}>
      {diffLines(diff).map(({ number, line }) => (
        <span key={number} class={line.startsWith('+') ? 'add' : line.startsWith('-') ? 'del' : ''}>
          {line}
          {'\n'}
        </span>
      ))}
    </pre>
  );
}

function Parties(props: { v: PlanVersion; i18n: I18n }) {
  const { v, i18n } = props;
  const { t, time } = i18n;
  const plan = useStore(planStore)!;
  return (
    <table class="signatures">
      <tbody>
        {v.signatures.map((s) => (
          <tr key={s.party} data-party={s.party} class="signed">
            <th scope="row">{partyName(plan, i18n, s.party)}</th>
            <td>
              <span class="badge met">✓ {t('version_signed')}</span>
            </td>
            <td>
              {t('version_signed_by')}: {s.user} · {time(s.signed_at)} · {t('version_key')} <code>{s.key_id}</code>
            </td>
          </tr>
        ))}
        {v.awaiting.map((p) => (
          <tr key={p} data-party={p} class="awaiting">
            <th scope="row">{partyName(plan, i18n, p)}</th>
            <td>
              <span class="badge soon">{t('version_awaiting')}</span>
            </td>
            <td />
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function SignButton(props: { v: PlanVersion; party: string; done: (v: PlanVersion) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const me = useStore(session)!;
  const plan = useStore(planStore)!;
  const { error, busy, submit } = useSubmit(() => signVersion(props.v.version, me), props.done);
  const label = t('version_sign')
    .replace('{n}', String(props.v.version))
    .replace('{party}', partyName(plan, i18n, props.party));
  return (
    <div class="sign">
      <button type="button" class="primary sign-version" disabled={busy} onClick={() => void submit()}>
        {busy ? t('version_signing') : label}
      </button>
      <SigningError error={error} />
    </div>
  );
}

function VersionCard(props: { v: PlanVersion; refresh: () => void }) {
  const i18n = useI18n();
  const { t, time } = i18n;
  const { v } = props;
  const me = useStore(session)!;
  const plan = useStore(planStore)!;
  const party = signerParty(plan, me);
  const open = v.state !== 'superseded' && !v.signed_by_all;
  const needsMeeting = v.major_changes.length > 0;
  const canSign =
    party && v.awaiting.includes(party) && v.state !== 'superseded' && (!needsMeeting || v.joint_meeting_held);
  const signed = (after: PlanVersion) => {
    if (after.state === 'in_force' && plan.version !== after.version) void reloadPlan();
    props.refresh();
  };
  return (
    <article class={`version state-${v.state}`} data-version={v.version} data-state={v.state}>
      <h3>
        {t('version_n').replace('{n}', String(v.version))}{' '}
        <span class={`status version-state ${v.state}`}>{t(STATE_KEY[v.state])}</span>
        {v.state === 'in_force' && !v.signed_by_all && (
          <>
            {' '}
            <span class="badge soon">{t('version_not_signed_by_all')}</span>
          </>
        )}
      </h3>
      <p class="meta">
        {t('version_effective')}: {v.effective}
        {v.proposed_at && (
          <>
            {' '}
            · {t('version_proposed_by')}: {v.proposed_by} · {time(v.proposed_at)}
          </>
        )}
        {v.activated_at && (
          <>
            {' '}
            · {t('version_activated_at')}: {time(v.activated_at)}
          </>
        )}
        {' · '}
        <a
          class="document"
          href={`/api/v1/plan/versions/${v.version}/document.pdf?lang=${pdfLang(i18n.lang)}`}
          target="_blank"
          rel="noreferrer noopener"
        >
          {t('document_plan_pdf')}
        </a>
        {' · '}SHA-256 <code title={v.sha256}>{v.sha256.slice(0, 16)}…</code>
      </p>
      {v.description && (
        <>
          <h4>{t('version_description')}</h4>
          <p class="description">{v.description}</p>
        </>
      )}
      {open && v.proposed_at && (
        <>
          <h4>{t('version_changes')}</h4>
          <pre class="changes">{v.changes || t('version_changes_none')}</pre>
          <details open={v.state === 'proposed'}>
            <summary>{t('version_diff')}</summary>
            <Diff v={v.version} />
          </details>
        </>
      )}
      {open && needsMeeting && (
        <p
          class={v.joint_meeting_held ? 'ok' : 'error meeting-missing'}
          role={v.joint_meeting_held ? undefined : 'alert'}
        >
          {t('version_major').replace('{paths}', v.major_changes.join(', '))}{' '}
          {t(v.joint_meeting_held ? 'version_meeting_held' : 'version_meeting_missing')}
        </p>
      )}
      <h4>{t('version_parties')}</h4>
      <Parties v={v} i18n={i18n} />
      {canSign && <SignButton v={v} party={party} done={signed} />}
    </article>
  );
}

function ProposeForm(props: { done: () => void }) {
  const { t } = useI18n();
  const [yaml, setYaml] = useState('');
  const [description, setDescription] = useState('');
  const [proposed, setProposed] = useState<number | null>(null);
  const { error, busy, submit } = useSubmit(
    () => proposeVersion(yaml, description),
    (v) => {
      setProposed(v.version);
      setYaml('');
      setDescription('');
      props.done();
    },
  );
  return (
    <details class="propose">
      <summary>{t('propose_title')}</summary>
      <form noValidate onSubmit={submit} aria-label={t('propose_title')}>
        <div class="field">
          <label for="f-propose-yaml">{t('propose_yaml')}</label>
          <textarea
            id="f-propose-yaml"
            rows={12}
            required
            spellcheck={false}
            value={yaml}
            onInput={(e) => setYaml(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="f-propose-description">{t('propose_description')}</label>
          <textarea
            id="f-propose-description"
            rows={3}
            required
            value={description}
            onInput={(e) => setDescription(e.currentTarget.value)}
          />
        </div>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('loading') : t('propose_submit')}
        </button>
        <SigningError error={error} />
        {proposed !== null && !error && (
          <output class="ok">{t('propose_done').replace('{n}', String(proposed))}</output>
        )}
      </form>
    </details>
  );
}

export function Versions() {
  const { t } = useI18n();
  const me = useStore(session)!;
  const [versions, setVersions] = useState<PlanVersion[] | null>(null);
  const [error, setError] = useState(false);
  const refresh = useCallback(
    () =>
      void listVersions().then(
        (v) => {
          setVersions(v);
          setError(false);
        },
        () => setError(true),
      ),
    [],
  );
  useEffect(() => {
    refresh();
    return onEvent((e) => {
      if (e.type === 'plan.activated') void reloadPlan();
      if (e.type.startsWith('plan.')) refresh();
    });
  }, [refresh]);
  return (
    <Section title={t('versions_title')} class="card versions" aria-label={t('versions_title')}>
      <p class="meta">{t('versions_explain')}</p>
      {error && (
        <p class="error" role="alert">
          {t('sign_err_unavailable')}
        </p>
      )}
      {versions === null ? (
        <p class="muted">{t('loading')}</p>
      ) : versions.length === 0 ? (
        <p class="muted">{t('version_none')}</p>
      ) : (
        [...versions].reverse().map((v) => <VersionCard key={v.version} v={v} refresh={refresh} />)
      )}
      {me.admin && <ProposeForm done={refresh} />}
    </Section>
  );
}
