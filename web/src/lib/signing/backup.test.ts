import { describe, expect, it } from 'vitest';
import { fromBase64, toBase64 } from '../base64';
import { BackupError, decryptKey, encryptKey, importRefusal, KDF_ITERATIONS, parseBackup } from './backup';
import { generateKeyForBackup, keyIdOf, signBytes } from './crypto';

const PASSPHRASE = 'correct horse battery staple';
const about = { user: 'zhang', keyId: 'k0', created: '2026-12-06T08:00:00.000Z' };

async function verifies(publicKey: Uint8Array<ArrayBuffer>, signature: string, message: Uint8Array<ArrayBuffer>) {
  const key = await crypto.subtle.importKey('raw', publicKey, { name: 'Ed25519' }, false, ['verify']);
  return crypto.subtle.verify({ name: 'Ed25519' }, key, fromBase64(signature), message);
}

async function reason(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return e instanceof BackupError ? e.reason : `not a BackupError: ${String(e)}`;
  }
  return 'no error';
}

describe("a browser key's backup", () => {
  it('round-trips: the key decrypted signs for the public key, and is non-extractable', async () => {
    const made = await generateKeyForBackup();
    expect(made.privateKey.extractable).toBe(false);
    const pkcs8 = made.pkcs8.slice();
    const backup = await encryptKey(made.pkcs8, made.publicKey, PASSPHRASE, about);
    const file = JSON.parse(JSON.stringify(backup)) as unknown;
    expect(file).toMatchObject({
      format: 'pactum-signing-key-backup',
      version: 1,
      user: 'zhang',
      public_key: toBase64(made.publicKey),
      kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: KDF_ITERATIONS },
      cipher: { name: 'AES-GCM', length: 256 },
    });
    expect(KDF_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    expect(fromBase64(backup.kdf.salt)).toHaveLength(16);
    expect(fromBase64(backup.cipher.iv)).toHaveLength(12);
    expect(JSON.stringify(backup)).not.toContain(toBase64(pkcs8)); // the key's bytes are not in it

    const restored = await decryptKey(parseBackup(JSON.stringify(backup)), PASSPHRASE);
    expect(restored.privateKey.extractable).toBe(false);
    expect(await keyIdOf(restored.publicKey)).toBe(await keyIdOf(made.publicKey));
    const message = new TextEncoder().encode('pactum plan statement v1\n');
    expect(await verifies(made.publicKey, await signBytes(restored.privateKey, message), message)).toBe(true);

    // Another encryption of the same key: a fresh salt and IV.
    const again = await encryptKey(pkcs8, made.publicKey, PASSPHRASE, about);
    expect(again.kdf.salt).not.toBe(backup.kdf.salt);
    expect(again.cipher.iv).not.toBe(backup.cipher.iv);
  });

  it('refuses a wrong passphrase, another public key, and what is not a backup', async () => {
    const made = await generateKeyForBackup();
    const backup = await encryptKey(made.pkcs8, made.publicKey, PASSPHRASE, about);
    expect(await reason(decryptKey(backup, 'correct horse battery stapler'))).toBe('passphrase');

    const other = await generateKeyForBackup();
    const swapped = { ...backup, public_key: toBase64(other.publicKey) };
    expect(await reason(decryptKey(swapped, PASSPHRASE))).toBe('passphrase'); // bound as GCM's data

    expect(await reason(Promise.resolve().then(() => parseBackup('not json')))).toBe('format');
    const weaker = JSON.stringify({ ...backup, kdf: { ...backup.kdf, iterations: 1000 } });
    expect(await reason(Promise.resolve().then(() => parseBackup(weaker)))).toBe('format');
    const noIv = JSON.stringify({ ...backup, cipher: { ...backup.cipher, iv: '' } });
    expect(await reason(Promise.resolve().then(() => parseBackup(noIv)))).toBe('format');
  });

  it('is imported only as a registered key of the user that is not revoked', () => {
    const keys = [
      { key_id: 'k1', user: 'zhang' },
      { key_id: 'k2', user: 'zhang', revoked_at: '2026-12-01T00:00:00Z' },
      { key_id: 'k3', user: 'wang' },
    ];
    expect(importRefusal('k1', 'zhang', keys)).toBeNull();
    expect(importRefusal('k2', 'zhang', keys)).toBe('keys_backup_revoked');
    expect(importRefusal('k3', 'zhang', keys)).toBe('keys_backup_not_registered');
    expect(importRefusal('k9', 'zhang', keys)).toBe('keys_backup_not_registered');
  });
});
