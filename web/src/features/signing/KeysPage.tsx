// 我的签名密钥 / My signing keys: a signer makes an Ed25519 key pair in this browser (with, if they
// choose, a passphrase-encrypted backup file to download), registers its public key with their
// password again, imports a backup into a browser that lost its key, and sees every party's keys
// with their fingerprints.
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { User } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { fromBase64 } from '../../lib/base64';
import { onEvent } from '../../lib/live';
import { plan as planStore, session } from '../../lib/session';
import { useStore } from '../../lib/store';
import { partyName } from '../../lib/names';
import { Section, useSubmit } from '../../lib/ui';
import {
  importBackup,
  listKeys,
  LocalProblem,
  makeKey,
  MIN_PASSPHRASE,
  registerKey,
  revokeKey,
  type MadeKey,
  type SignerKey,
} from '../../lib/signing/api';
import type { KeyBackup } from '../../lib/signing/backup';
import { ed25519Supported, fingerprintOf } from '../../lib/signing/crypto';
import { loadKey, type StoredKey } from '../../lib/signing/keystore';
import { signerParty } from '../../lib/signing/signer';
import { SigningError } from '../../lib/signing/SigningError';

function Fingerprint(props: { publicKey: string }) {
  const [text, setText] = useState('');
  useEffect(() => {
    void fingerprintOf(fromBase64(props.publicKey)).then(setText);
  }, [props.publicKey]);
  return <code class="fingerprint">{text}</code>;
}

function RegisterForm(props: { local: StoredKey; done: () => void }) {
  const { t } = useI18n();
  const [password, setPassword] = useState('');
  const { error, busy, submit } = useSubmit(
    () => registerKey(props.local, password),
    () => {
      setPassword('');
      props.done();
    },
  );
  return (
    <form noValidate class="inline register-key" onSubmit={submit}>
      <label for="f-key-password">{t('keys_register_password')}</label>
      <input
        id="f-key-password"
        type="password"
        autocomplete="current-password"
        required
        value={password}
        onInput={(e) => setPassword(e.currentTarget.value)}
      />
      <button type="submit" class="primary" disabled={busy}>
        {busy ? t('loading') : t('keys_register')}
      </button>
      <SigningError error={error} />
    </form>
  );
}

/** The backup file as a download link: `backup-<user>-<key id>.json`. */
function backupLink(backup: KeyBackup) {
  const text = `${JSON.stringify(backup, null, 2)}\n`;
  return {
    href: URL.createObjectURL(new Blob([text], { type: 'application/json' })),
    name: `pactum-signing-key-${backup.user}-${backup.key_id}.json`,
  };
}

function MakeKeyForm(props: { user: User; made: (m: MadeKey) => void }) {
  const { t } = useI18n();
  const [withBackup, setWithBackup] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const { error, busy, submit } = useSubmit(
    async () => {
      if (!withBackup) return makeKey(props.user);
      if (passphrase !== again) throw new LocalProblem('keys_backup_differ');
      return makeKey(props.user, passphrase);
    },
    (m) => {
      setPassphrase('');
      setAgain('');
      props.made(m);
    },
  );
  return (
    <form noValidate class="make-key" onSubmit={submit}>
      <label class="check">
        <input
          id="f-backup"
          type="checkbox"
          checked={withBackup}
          onChange={(e) => setWithBackup(e.currentTarget.checked)}
        />{' '}
        {t('keys_backup_choose')}
      </label>
      {withBackup && (
        <>
          <p class="meta">{t('keys_backup_explain')}</p>
          <label for="f-backup-passphrase">{t('keys_backup_passphrase')}</label>
          <input
            id="f-backup-passphrase"
            type="password"
            autocomplete="new-password"
            required
            minLength={MIN_PASSPHRASE}
            value={passphrase}
            onInput={(e) => setPassphrase(e.currentTarget.value)}
          />
          <label for="f-backup-passphrase-again">{t('keys_backup_passphrase_again')}</label>
          <input
            id="f-backup-passphrase-again"
            type="password"
            autocomplete="new-password"
            required
            value={again}
            onInput={(e) => setAgain(e.currentTarget.value)}
          />
        </>
      )}
      <button type="submit" class="primary" id="make-key" disabled={busy}>
        {busy ? t('loading') : t('keys_generate')}
      </button>
      <SigningError error={error} />
    </form>
  );
}

function ImportForm(props: { user: User; done: () => void }) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const { error, busy, submit } = useSubmit(
    async () => importBackup(props.user, file ? await file.text() : '', passphrase),
    () => {
      setPassphrase('');
      props.done();
    },
  );
  return (
    <details class="import-backup">
      <summary>{t('keys_import_title')}</summary>
      <form noValidate onSubmit={submit} aria-label={t('keys_import_title')}>
        <p class="meta">{t('keys_import_explain')}</p>
        <label for="f-backup-file">{t('keys_import_file')}</label>
        <input
          id="f-backup-file"
          type="file"
          accept="application/json,.json"
          required
          onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
        />
        <label for="f-import-passphrase">{t('keys_import_passphrase')}</label>
        <input
          id="f-import-passphrase"
          type="password"
          autocomplete="off"
          required
          value={passphrase}
          onInput={(e) => setPassphrase(e.currentTarget.value)}
        />
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('loading') : t('keys_import')}
        </button>
        <SigningError error={error} />
      </form>
    </details>
  );
}

function RevokeButton(props: { keyId: string; done: () => void }) {
  const { t } = useI18n();
  const { error, busy, submit } = useSubmit(() => revokeKey(props.keyId), props.done);
  return (
    <>
      {' '}
      <button type="button" class="link revoke" disabled={busy} onClick={() => void submit()}>
        {t('keys_revoke')}
      </button>
      <SigningError error={error} />
    </>
  );
}

export function KeysPage() {
  const i18n = useI18n();
  const { t, time } = i18n;
  const me = useStore(session)!;
  const plan = useStore(planStore);
  const [keys, setKeys] = useState<SignerKey[] | null>(null);
  const [local, setLocal] = useState<StoredKey | null | undefined>(undefined);
  const [supported, setSupported] = useState(true);
  const reload = useCallback(() => {
    void listKeys().then(setKeys, () => setKeys([]));
    void loadKey(me.id).then(setLocal, () => setLocal(null));
  }, [me.id]);
  useEffect(() => {
    reload();
    void ed25519Supported().then(setSupported);
    return onEvent((e) => {
      if (e.type.startsWith('signer_key.')) reload();
    });
  }, [reload]);
  const [backup, setBackup] = useState<{ href: string; name: string } | null>(null);
  const made = (m: MadeKey) => {
    setLocal(m.key);
    if (!m.backup) return setBackup(null);
    const link = backupLink(m.backup);
    setBackup(link);
    const a = document.createElement('a'); // offered at once; the link below offers it again
    a.href = link.href;
    a.download = link.name;
    a.click();
  };
  if (!plan || keys === null || local === undefined) return <p class="muted">{t('loading')}</p>;

  const party = signerParty(plan, me);
  const registered = local ? keys.find((k) => k.key_id === local.keyId) : undefined;
  const usable = registered && !registered.revoked_at;
  return (
    <main class="keys-page">
      <h1>{t('keys_title')}</h1>
      <p class="meta">{t('keys_explain')}</p>
      <Section title={t('keys_local')} aria-label={t('keys_local')}>
        {!party && <p class="muted">{t('keys_not_signer')}</p>}
        {party && !supported && (
          <p class="error" role="alert">
            {t(window.isSecureContext ? 'keys_unsupported' : 'keys_insecure')}
          </p>
        )}
        {local ? (
          <dl class="facts local-key">
            <dt>{t('keys_id')}</dt>
            <dd>
              <code>{local.keyId}</code>
            </dd>
            <dt>{t('keys_fingerprint')}</dt>
            <dd>
              <Fingerprint publicKey={local.publicKey} />
            </dd>
            <dt>{t('keys_state')}</dt>
            <dd class="key-state">
              {!registered
                ? t('keys_not_registered')
                : registered.revoked_at
                  ? t('keys_revoked')
                  : t('keys_registered')}
            </dd>
          </dl>
        ) : (
          party && <p>{t('keys_local_none')}</p>
        )}
        {backup && (
          <p class="backup-saved">
            {t('keys_backup_saved')}{' '}
            <a id="backup-download" href={backup.href} download={backup.name}>
              {t('keys_backup_download')}
            </a>
          </p>
        )}
        {party &&
          supported &&
          !usable &&
          (local && !registered ? <RegisterForm local={local} done={reload} /> : <MakeKeyForm user={me} made={made} />)}
        {party && supported && !usable && <ImportForm user={me} done={reload} />}
      </Section>
      <Section title={t('keys_all')} aria-label={t('keys_all')}>
        {keys.length === 0 ? (
          <p class="muted">{t('keys_none')}</p>
        ) : (
          <table class="keys">
            <thead>
              <tr>
                <th>{t('keys_party')}</th>
                <th>{t('keys_user')}</th>
                <th>{t('keys_id')}</th>
                <th>{t('keys_fingerprint')}</th>
                <th>{t('keys_registered_at')}</th>
                <th>{t('keys_state')}</th>
              </tr>
            </thead>
            <tbody>
              {[...keys].reverse().map((k) => (
                <tr key={k.key_id} data-key={k.key_id} class={k.revoked_at ? 'revoked' : ''}>
                  <td>{partyName(plan, i18n, k.party)}</td>
                  <td>
                    {k.user}
                    {k.key_id === local?.keyId && <span class="meta"> · {t('keys_this_browser')}</span>}
                  </td>
                  <td>
                    <code>{k.key_id}</code>
                  </td>
                  <td>
                    <Fingerprint publicKey={k.public_key} />
                  </td>
                  <td>{time(k.registered_at, false)}</td>
                  <td>
                    {k.revoked_at ? `${t('keys_revoked')} ${time(k.revoked_at, false)}` : t('keys_in_use')}
                    {!k.revoked_at && k.user === me.id && <RevokeButton keyId={k.key_id} done={reload} />}
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
