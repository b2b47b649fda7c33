// A signer's Ed25519 key with the browser's WebCrypto (RFC 8032, as the server verifies with
// libsodium). The private key kept is non-extractable: no script, ours included, can read its
// bytes; it can only be used to sign, in this browser profile (docs/plan-signing.md). Only when
// the signer asks for a backup are its bytes exported, once, to be encrypted (backup.ts).
import { toBase64 } from '../base64';

const ED25519 = { name: 'Ed25519' } as const;

export interface NewKey {
  privateKey: CryptoKey;
  /** The 32 raw bytes of the public key (what POST /api/v1/me/keys takes, in base64). */
  publicKey: Uint8Array<ArrayBuffer>;
}

export async function generateSigningKey(): Promise<NewKey> {
  const pair = (await crypto.subtle.generateKey(ED25519, false, ['sign', 'verify'])) as CryptoKeyPair;
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  return { privateKey: pair.privateKey, publicKey: raw };
}

/**
 * A key pair whose private key is exported once as PKCS #8 (`pkcs8`, for the caller to encrypt
 * and then zero) and kept re-imported as non-extractable (`privateKey`).
 */
export async function generateKeyForBackup(): Promise<NewKey & { pkcs8: Uint8Array<ArrayBuffer> }> {
  const pair = (await crypto.subtle.generateKey(ED25519, true, ['sign', 'verify'])) as CryptoKeyPair;
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
  const privateKey = await crypto.subtle.importKey('pkcs8', pkcs8, ED25519, false, ['sign']);
  return { privateKey, publicKey: raw, pkcs8 };
}

/** Whether this browser's WebCrypto has Ed25519 (Chromium 137 and later, Firefox 129, Safari 17). */
export async function ed25519Supported(): Promise<boolean> {
  try {
    await crypto.subtle.generateKey(ED25519, false, ['sign', 'verify']);
    return true;
  } catch {
    return false;
  }
}

async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The server's key id: "k" and the first 16 hex digits of the SHA-256 of the raw public key. */
export async function keyIdOf(publicKey: Uint8Array<ArrayBuffer>): Promise<string> {
  return `k${(await sha256Hex(publicKey)).slice(0, 16)}`;
}

/** The SHA-256 of the raw public key in groups of four hex digits, for reading aloud. */
export async function fingerprintOf(publicKey: Uint8Array<ArrayBuffer>): Promise<string> {
  return (await sha256Hex(publicKey)).match(/.{4}/g)!.join(' ');
}

/** The base64 of the 64-byte Ed25519 signature over exactly `bytes`. */
export async function signBytes(privateKey: CryptoKey, bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  return toBase64(new Uint8Array(await crypto.subtle.sign(ED25519, privateKey, bytes)));
}
