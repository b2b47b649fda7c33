// A browser key's backup (G1, docs/plan-signing.md, "Backing up a browser key"): the private key's
// PKCS #8 bytes encrypted under a passphrase, with WebCrypto only. PBKDF2-SHA256 (600 000
// iterations, a random 16-byte salt) derives an AES-256-GCM key; the bytes are encrypted with a
// random 12-byte IV and the raw public key as additional data, so a file whose public key was
// changed does not decrypt. The file is a small JSON object the signer keeps; importing it decrypts
// it, checks that the private key signs for the file's public key, and keeps only a
// non-extractable key.
import { fromBase64, toBase64 } from '../base64';

export const BACKUP_FORMAT = 'pactum-signing-key-backup';
export const KDF_ITERATIONS = 600_000;
// A file asking for more would keep the page busy for minutes; one asking for fewer is weaker
// than those Pactum makes.
const MAX_ITERATIONS = 10_000_000;
const ED25519 = { name: 'Ed25519' } as const;

export interface KeyBackup {
  format: typeof BACKUP_FORMAT;
  version: 1;
  user: string;
  key_id: string;
  public_key: string; // base64 of the 32 raw bytes
  created: string; // ISO time
  kdf: { name: 'PBKDF2'; hash: 'SHA-256'; iterations: number; salt: string };
  cipher: { name: 'AES-GCM'; length: 256; iv: string };
  ciphertext: string; // base64 of the encrypted PKCS #8 bytes with GCM's 16-byte tag
}

/** Why a backup cannot be read: not such a file, the wrong passphrase, a key not its public key's. */
export class BackupError extends Error {
  constructor(readonly reason: 'format' | 'passphrase' | 'mismatch') {
    super(`key backup: ${reason}`);
  }
}

const encoder = new TextEncoder();

async function wrappingKey(passphrase: string, salt: Uint8Array<ArrayBuffer>, iterations: number) {
  // NFC: the same passphrase typed on another keyboard or system gives the same bytes.
  const material = await crypto.subtle.importKey('raw', encoder.encode(passphrase.normalize('NFC')), 'PBKDF2', false, [
    'deriveKey',
  ]);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

function random(n: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(n));
}

/** The backup of a private key (`pkcs8`, its PKCS #8 bytes) under `passphrase`. */
export async function encryptKey(
  pkcs8: Uint8Array<ArrayBuffer>,
  publicKey: Uint8Array<ArrayBuffer>,
  passphrase: string,
  about: { user: string; keyId: string; created: string },
): Promise<KeyBackup> {
  const salt = random(16);
  const iv = random(12);
  const key = await wrappingKey(passphrase, salt, KDF_ITERATIONS);
  const ciphertext = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: publicKey }, key, pkcs8);
  return {
    format: BACKUP_FORMAT,
    version: 1,
    user: about.user,
    key_id: about.keyId,
    public_key: toBase64(publicKey),
    created: about.created,
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: KDF_ITERATIONS, salt: toBase64(salt) },
    cipher: { name: 'AES-GCM', length: 256, iv: toBase64(iv) },
    ciphertext: toBase64(new Uint8Array(ciphertext)),
  };
}

function bytes(text: unknown, length?: number): Uint8Array<ArrayBuffer> {
  if (typeof text !== 'string') throw new BackupError('format');
  let out: Uint8Array<ArrayBuffer>;
  try {
    out = fromBase64(text);
  } catch {
    throw new BackupError('format');
  }
  if (length !== undefined && out.length !== length) throw new BackupError('format');
  return out;
}

/** A backup file's text as a backup, or BackupError('format'). */
export function parseBackup(text: string): KeyBackup {
  let b: KeyBackup;
  try {
    b = JSON.parse(text) as KeyBackup;
  } catch {
    throw new BackupError('format');
  }
  const ok =
    b &&
    typeof b === 'object' &&
    b.format === BACKUP_FORMAT &&
    b.version === 1 &&
    b.kdf?.name === 'PBKDF2' &&
    b.kdf.hash === 'SHA-256' &&
    Number.isInteger(b.kdf.iterations) &&
    b.kdf.iterations >= KDF_ITERATIONS &&
    b.kdf.iterations <= MAX_ITERATIONS &&
    b.cipher?.name === 'AES-GCM' &&
    b.cipher.length === 256 &&
    typeof b.created === 'string';
  if (!ok) throw new BackupError('format');
  bytes(b.public_key, 32);
  bytes(b.kdf.salt);
  bytes(b.cipher.iv, 12);
  bytes(b.ciphertext);
  return b;
}

export interface RestoredKey {
  privateKey: CryptoKey; // non-extractable, for signing only
  publicKey: Uint8Array<ArrayBuffer>; // the 32 raw bytes
}

/** The key in `backup`, decrypted with `passphrase` and checked against its public key. */
export async function decryptKey(backup: KeyBackup, passphrase: string): Promise<RestoredKey> {
  const publicKey = bytes(backup.public_key, 32);
  const key = await wrappingKey(passphrase, bytes(backup.kdf.salt), backup.kdf.iterations);
  let pkcs8: Uint8Array<ArrayBuffer>;
  try {
    pkcs8 = new Uint8Array(
      await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: bytes(backup.cipher.iv, 12), additionalData: publicKey },
        key,
        bytes(backup.ciphertext),
      ),
    );
  } catch {
    // GCM's tag does not match: another passphrase (or a changed file, which we cannot tell apart).
    throw new BackupError('passphrase');
  }
  let privateKey: CryptoKey;
  try {
    privateKey = await crypto.subtle.importKey('pkcs8', pkcs8, ED25519, false, ['sign']);
  } catch {
    throw new BackupError('format');
  } finally {
    pkcs8.fill(0);
  }
  // The private key must sign for the public key the file names (and the server registered).
  const challenge = random(32);
  const signature = await crypto.subtle.sign(ED25519, privateKey, challenge);
  const verifier = await crypto.subtle.importKey('raw', publicKey, ED25519, false, ['verify']);
  if (!(await crypto.subtle.verify(ED25519, verifier, signature, challenge))) throw new BackupError('mismatch');
  return { privateKey, publicKey };
}

/**
 * Why a backup of key `keyId` may not be imported by user `user` among the registered `keys`:
 * it is no key of theirs, or it is revoked; null when it may.
 */
export function importRefusal(
  keyId: string,
  user: string,
  keys: { key_id: string; user: string; revoked_at?: string | null }[],
): 'keys_backup_not_registered' | 'keys_backup_revoked' | null {
  const registered = keys.find((k) => k.key_id === keyId && k.user === user);
  if (!registered) return 'keys_backup_not_registered';
  return registered.revoked_at ? 'keys_backup_revoked' : null;
}
