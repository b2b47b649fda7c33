// The signer's key in this browser: one per user, in IndexedDB (a CryptoKey is stored as itself,
// by structured clone: a non-extractable key stays non-extractable there). Clearing the browser's
// site data loses it; the signer then revokes it and registers a new one (docs/plan-signing.md).

export interface StoredKey {
  user: string;
  keyId: string;
  publicKey: string; // base64 of the 32 raw bytes
  privateKey: CryptoKey;
  created: string; // ISO time
}

const DB = 'pactum-signing';
const STORE = 'keys';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'user' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function run<T>(mode: IDBTransactionMode, action: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = action(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

export async function loadKey(user: string): Promise<StoredKey | null> {
  return (await run<StoredKey | undefined>('readonly', (s) => s.get(user))) ?? null;
}

/** Stores `key` as its user's key, replacing the one kept before. */
export async function saveKey(key: StoredKey): Promise<void> {
  await run('readwrite', (s) => s.put(key));
}
