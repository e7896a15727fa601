/**
 * Reports written without signal (草稿): kept on the phone in IndexedDB with their photos as
 * blobs, and sent when the connection returns. Each draft's id goes with it as the report's
 * `clientRef`, so a draft sent twice (a connection that dropped after the server answered, two
 * tabs) makes one case: the API answers the case it already made.
 */
import { useEffect, useRef, useState } from 'react';
import { api, ApiFailure, type AnswerOf, type BodyOf } from '../api';
import { uploadFile } from './upload';

export interface Draft {
  /** The report's clientRef. */
  id: string;
  /** Only its writer's session sends it (a shared phone). */
  userId: string;
  savedAt: string;
  body: Omit<BodyOf<'/api/events'>, 'attachmentIds' | 'clientRef'>;
  /** Photos already on the server (a send that stopped halfway) and those still only here. */
  uploaded: string[];
  files: { name: string; type: string; blob: Blob }[];
}

const STORE = 'reports';

/** A random UUID (v4) also where crypto.randomUUID is missing: a district served over plain http. */
export function newDraftId() {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
const changed = new EventTarget();

function store<T>(mode: IDBTransactionMode, work: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('zhizhi-drafts', 1);
    open.onupgradeneeded = () => open.result.createObjectStore(STORE, { keyPath: 'id' });
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(STORE, mode);
      const req = work(tx.objectStore(STORE));
      tx.oncomplete = () => (db.close(), resolve(req.result));
      tx.onerror = () => (db.close(), reject(tx.error));
    };
  });
}

const put = async (draft: Draft) => {
  await store('readwrite', (s) => s.put(draft));
  changed.dispatchEvent(new Event('change'));
};
const remove = async (id: string) => {
  await store('readwrite', (s) => s.delete(id));
  changed.dispatchEvent(new Event('change'));
};
export const saveDraft = put;
export const deleteDraft = remove;
export const draftsOf = async (userId: string) =>
  ((await store('readonly', (s) => s.getAll())) as Draft[]).filter((d) => d.userId === userId);

/** Whether a failure means "no connection" (keep the draft) rather than "the server said no". */
export const isOffline = (err: unknown) => err instanceof ApiFailure && err.status === 0;

/** Uploads what is left of the draft's photos, then reports it; the draft is gone once the case exists. */
async function send(draft: Draft) {
  let left = draft;
  for (const f of draft.files) {
    const uploaded = await uploadFile(new File([f.blob], f.name, { type: f.type }));
    left = { ...left, uploaded: [...left.uploaded, uploaded.id], files: left.files.slice(1) };
    await put(left);
  }
  const made = await api<AnswerOf<'/api/events', 'post'>>('/api/events', {
    body: { ...draft.body, attachmentIds: left.uploaded, clientRef: draft.id },
  });
  await remove(draft.id);
  return made;
}

let sending: Promise<void> | null = null;
/**
 * Sends the user's drafts one by one; stops at the first that cannot go (still offline). A draft
 * the API refuses (a grid since retired) stays, with the reason, for its writer to fix or delete.
 */
export function sendDrafts(userId: string, onRefused: (draft: Draft, err: unknown) => void) {
  sending ??= (async () => {
    try {
      for (const draft of await draftsOf(userId)) {
        try {
          await send(draft);
        } catch (err) {
          if (isOffline(err)) return;
          onRefused(draft, err);
        }
      }
    } finally {
      sending = null;
    }
  })();
  return sending;
}

/** The signed-in user's drafts, kept current. */
export function useDrafts(userId: string) {
  const [drafts, setDrafts] = useState<Draft[]>([]);
  useEffect(() => {
    const load = () => void draftsOf(userId).then(setDrafts, () => setDrafts([]));
    load();
    changed.addEventListener('change', load);
    return () => changed.removeEventListener('change', load);
  }, [userId]);
  return drafts;
}

/**
 * Sends the user's drafts when the app opens and whenever the browser comes back online, on
 * whichever page they are. `onRefused` is read when a refusal comes, not when the hook starts.
 */
export function useDraftSender(userId: string, onRefused: (draft: Draft, err: unknown) => void) {
  const notice = useRef(onRefused);
  notice.current = onRefused;
  useEffect(() => {
    const online = () => void sendDrafts(userId, (d, err) => notice.current(d, err));
    online();
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, [userId]);
}
