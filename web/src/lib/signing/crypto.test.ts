import { describe, expect, it } from 'vitest';
import { fromBase64, toBase64 } from '../base64';
import { fingerprintOf, keyIdOf, signBytes } from './crypto';

// RFC 8032, 7.1, TEST 1: the empty message.
const seed = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
const publicKey = fromBase64('11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=');
const signature = '5VZDAMNgrHKQhuLMgG6CioSHfx645dl02HPgZSJJAVVfuIIVkKM7rMYeOXAc+bRr0lv18FlbviRlUUFDjnoQCw==';

function hex(text: string) {
  return Uint8Array.from(text.match(/../g)!, (b) => Number.parseInt(b, 16));
}

describe('Ed25519 with WebCrypto', () => {
  it('signs exactly as RFC 8032 (what the server verifies with libsodium)', async () => {
    // PKCS #8 of an Ed25519 seed (RFC 8410): a fixed prefix, then the 32 bytes.
    const pkcs8 = new Uint8Array([...hex('302e020100300506032b657004220420'), ...hex(seed)]);
    const key = await crypto.subtle.importKey('pkcs8', pkcs8, { name: 'Ed25519' }, false, ['sign']);
    expect(await signBytes(key, new Uint8Array())).toBe(signature);
  });

  it('names a key as the server does: k and 16 hex digits of its SHA-256', async () => {
    expect(await keyIdOf(publicKey)).toBe('k21fe31dfa154a261');
    expect(await fingerprintOf(publicKey)).toBe(
      '21fe 31df a154 a261 626b f854 046f d227 1b7b ed4b 6abe 45aa 5887 7ef4 7f97 21b9',
    );
    expect(toBase64(publicKey)).toBe('11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=');
  });
});
