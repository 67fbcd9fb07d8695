/**
 * Answers made at the kiosk wait here until the server acknowledges them. Each
 * entry is encrypted with AES-GCM under a key that WebCrypto made
 * non-extractable and that lives in IndexedDB: a copy of the tablet's storage
 * (localStorage) does not give the answers away, and script on the page can
 * use the key but never read it. Entries keep their submission id, so sending
 * one again after a lost reply stores it once (the server is idempotent on it).
 */
export interface QueuedSubmission {
  locale: string;
  submissionId: string;
  answers: Record<string, unknown>;
  /** The split-ballot ballot the survey came with, in a wave with a bridge. */
  ballot?: string;
}

const DB = "kp-kiosk";
const STORE = "keys";
const QUEUE_KEY = "kp:kiosk:queue";

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function idb<T>(mode: IDBTransactionMode, run: (s: IDBObjectStore) => IDBRequest): Promise<T> {
  return openDb().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const req = run(db.transaction(STORE, mode).objectStore(STORE));
        req.onsuccess = () => resolve(req.result as T);
        req.onerror = () => reject(req.error);
      }),
  );
}

let keyPromise: Promise<CryptoKey> | null = null;

/** The queue's key: made once per tablet, kept as a non-extractable CryptoKey. */
function queueKey(): Promise<CryptoKey> {
  keyPromise ??= (async () => {
    const existing = await idb<CryptoKey | undefined>("readonly", (s) => s.get("queue"));
    if (existing) return existing;
    const key = await crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false, [
      "encrypt",
      "decrypt",
    ]);
    await idb("readwrite", (s) => s.put(key, "queue"));
    return key;
  })();
  return keyPromise;
}

const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const unb64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

interface Sealed {
  id: string;
  iv: string;
  data: string;
}

function readAll(): Sealed[] {
  try {
    const parsed = JSON.parse(localStorage.getItem(QUEUE_KEY) ?? "[]") as unknown;
    return Array.isArray(parsed) ? (parsed as Sealed[]) : [];
  } catch {
    return [];
  }
}

function writeAll(entries: Sealed[]): void {
  localStorage.setItem(QUEUE_KEY, JSON.stringify(entries));
}

/** Adds one completed survey to the queue, encrypted. */
export async function enqueue(item: QueuedSubmission): Promise<void> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const plain = new TextEncoder().encode(JSON.stringify(item));
  const data = new Uint8Array(
    await crypto.subtle.encrypt({ name: "AES-GCM", iv }, await queueKey(), plain),
  );
  writeAll([...readAll(), { id: item.submissionId, iv: b64(iv), data: b64(data) }]);
}

/** How many answers wait to be sent. */
export function pendingCount(): number {
  return readAll().length;
}

/** Removes one entry (sent, or refused for good). */
export function remove(id: string): void {
  writeAll(readAll().filter((e) => e.id !== id));
}

/** Every queued submission, decrypted, oldest first. */
export async function pending(): Promise<QueuedSubmission[]> {
  const key = await queueKey();
  const out: QueuedSubmission[] = [];
  for (const e of readAll()) {
    try {
      const plain = await crypto.subtle.decrypt(
        { name: "AES-GCM", iv: unb64(e.iv) },
        key,
        unb64(e.data),
      );
      out.push(JSON.parse(new TextDecoder().decode(plain)) as QueuedSubmission);
    } catch {
      remove(e.id); // made under a key this tablet no longer has: cannot be sent
    }
  }
  return out;
}
