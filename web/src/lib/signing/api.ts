// Keys, versions and signatures through the API (docs/plan-signing.md), and the signing act
// itself: the statement's bytes exactly as served, signed with the key kept in this browser.
import { api, ApiError, unwrap, type Schemas, type User } from '../../api/client';
import type { StringKey } from '../../i18n/strings';
import { fromBase64, toBase64 } from '../base64';
import { BackupError, decryptKey, encryptKey, importRefusal, parseBackup, type KeyBackup } from './backup';
import { generateKeyForBackup, generateSigningKey, keyIdOf, signBytes, type NewKey } from './crypto';
import { loadKey, saveKey, type StoredKey } from './keystore';
import { parseStatement } from './statement';

export type PlanVersion = Schemas['PlanVersionSigning'];
export type SignerKey = Schemas['SignerKey'];

/** A refusal made here, before asking the server: its message is a string key. */
export class LocalProblem extends ApiError {
  constructor(key: StringKey) {
    super(-1, 'local', key);
  }
}

export async function listVersions(): Promise<PlanVersion[]> {
  return (await unwrap(api.GET('/api/v1/plan/versions'))).versions;
}

export function getVersion(v: number): Promise<PlanVersion> {
  return unwrap(api.GET('/api/v1/plan/versions/{v}', { params: { path: { v } } }));
}

/** The statement of version `v`: the bytes as served, not decoded and re-encoded. */
export async function statementBytes(v: number): Promise<Uint8Array<ArrayBuffer>> {
  const body = await unwrap(
    api.GET('/api/v1/plan/versions/{v}/statement', { params: { path: { v } }, parseAs: 'arrayBuffer' }),
  );
  return new Uint8Array(body as unknown as ArrayBuffer);
}

/** Signs version `v` with `user`'s key in this browser; the version as the server then has it. */
export async function signVersion(v: number, user: User): Promise<PlanVersion> {
  const key = await loadKey(user.id);
  if (!key) throw new LocalProblem('sign_no_key');
  const bytes = await statementBytes(v);
  if (parseStatement(bytes)?.version !== v) throw new LocalProblem('sign_bad_statement');
  const signature = await signBytes(key.privateKey, bytes);
  return unwrap(
    api.POST('/api/v1/plan/versions/{v}/signatures', {
      params: { path: { v } },
      body: { key_id: key.keyId, signature },
    }),
  );
}

export function proposeVersion(yaml: string, description: string): Promise<PlanVersion> {
  return unwrap(api.POST('/api/v1/plan', { body: { yaml, description } }));
}

export async function listKeys(): Promise<SignerKey[]> {
  return (await unwrap(api.GET('/api/v1/keys'))).keys;
}

export interface MadeKey {
  key: StoredKey;
  backup: KeyBackup | null; // when a passphrase was given: the file to offer for download
}

export const MIN_PASSPHRASE = 12; // characters

/**
 * Makes a key pair for `user` and keeps it in this browser (not registered yet). With a
 * `passphrase`, the private key's bytes are encrypted into a backup first; the key kept is
 * non-extractable all the same.
 */
export async function makeKey(user: User, passphrase?: string): Promise<MadeKey> {
  if (passphrase !== undefined && [...passphrase].length < MIN_PASSPHRASE) {
    throw new LocalProblem('keys_backup_short');
  }
  const created = new Date().toISOString();
  let backup: KeyBackup | null = null;
  let k: NewKey;
  if (passphrase === undefined) {
    k = await generateSigningKey();
  } else {
    const exported = await generateKeyForBackup();
    k = exported;
    try {
      backup = await encryptKey(exported.pkcs8, k.publicKey, passphrase, {
        user: user.id,
        keyId: await keyIdOf(k.publicKey),
        created,
      });
    } finally {
      exported.pkcs8.fill(0);
    }
  }
  const stored: StoredKey = {
    user: user.id,
    keyId: await keyIdOf(k.publicKey),
    publicKey: toBase64(k.publicKey),
    privateKey: k.privateKey,
    created,
  };
  await saveKey(stored);
  return { key: stored, backup };
}

const backupProblems: Record<BackupError['reason'], StringKey> = {
  format: 'keys_backup_not_a_backup',
  passphrase: 'keys_backup_wrong_passphrase',
  mismatch: 'keys_backup_key_mismatch',
};

/**
 * Imports a backup file's key (`text`, decrypted with `passphrase`) as `user`'s key in this
 * browser, non-extractable, if it is a key `user` registered and has not revoked.
 */
export async function importBackup(user: User, text: string, passphrase: string): Promise<StoredKey> {
  try {
    const backup = parseBackup(text);
    const publicKey = fromBase64(backup.public_key);
    const keyId = await keyIdOf(publicKey);
    const refusal = importRefusal(keyId, user.id, await listKeys());
    if (refusal) throw new LocalProblem(refusal);
    const restored = await decryptKey(backup, passphrase);
    const stored: StoredKey = {
      user: user.id,
      keyId,
      publicKey: backup.public_key,
      privateKey: restored.privateKey,
      created: backup.created,
    };
    await saveKey(stored);
    return stored;
  } catch (e) {
    if (e instanceof BackupError) throw new LocalProblem(backupProblems[e.reason]);
    throw e;
  }
}

/** Registers the public key kept in this browser, with the password again (step-up). */
export function registerKey(key: StoredKey, password: string): Promise<SignerKey> {
  return unwrap(api.POST('/api/v1/me/keys', { body: { public_key: key.publicKey, password } }));
}

export function revokeKey(keyId: string): Promise<SignerKey> {
  return unwrap(api.DELETE('/api/v1/keys/{key_id}', { params: { path: { key_id: keyId } } }));
}
