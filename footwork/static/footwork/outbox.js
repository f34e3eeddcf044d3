/*
 * The offline queue: entries made with no signal (a session, a check-in, a red-flag screening), kept in IndexedDB
 * with their client UUID and the moment they were made, and sent to the API in FootworkSync.sendOrder's order.
 * Used by the pages (offline.js) and the service worker (Background Sync); a Web Lock lets one of them send at a
 * time, and the server's client-UUID idempotency makes a repeat harmless anyway.
 *
 * An entry: {id, kind: 'referral' | 'screening' | 'checkin' | 'session', label (plain words), url, body (JSON, with
 * client_uuid and recorded_at), createdAt (ms), state: 'queued' | 'refused', reason, attempts}.
 */
(function (root) {
  'use strict';

  const DB_NAME = 'footwork';
  const SYNC_TAG = 'footwork-outbox';
  const channel = typeof BroadcastChannel !== 'undefined' ? new BroadcastChannel('footwork-outbox') : null;

  let opening = null;
  function db() {
    if (!opening) {
      opening = new Promise((resolve, reject) => {
        const request = indexedDB.open(DB_NAME, 1);
        request.onupgradeneeded = () => {
          request.result.createObjectStore('outbox', { keyPath: 'id', autoIncrement: true });
          request.result.createObjectStore('meta', { keyPath: 'key' });
        };
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    }
    return opening;
  }

  async function run(storeName, mode, work) {
    const database = await db();
    return new Promise((resolve, reject) => {
      const tx = database.transaction(storeName, mode);
      const request = work(tx.objectStore(storeName));
      tx.oncomplete = () => resolve(request ? request.result : undefined);
      tx.onerror = () => reject(tx.error);
    });
  }

  const changed = (what) => channel && channel.postMessage({ type: 'changed', ...what });

  const all = () => run('outbox', 'readonly', (store) => store.getAll());
  const put = (entry) => run('outbox', 'readwrite', (store) => store.put(entry));
  const remove = (id) => run('outbox', 'readwrite', (store) => store.delete(id));
  const meta = async (key, fallback) => {
    const row = await run('meta', 'readonly', (store) => store.get(key));
    return row ? row.value : fallback;
  };
  const setMeta = (key, value) => run('meta', 'readwrite', (store) => store.put({ key, value }));

  async function add(entry) {
    const stored = { state: 'queued', attempts: 0, createdAt: Date.now(), ...entry };
    stored.id = await put(stored);
    changed({ added: stored.id });
    return stored;
  }

  async function dismiss(id) {
    await remove(id);
    changed({ dismissed: id });
  }

  async function clear() {
    await run('outbox', 'readwrite', (store) => store.clear());
    await run('meta', 'readwrite', (store) => store.clear());
    changed({ cleared: true });
  }

  async function send(entry, csrf) {
    let status = 0;
    let body = null;
    try {
      const response = await fetch(entry.url, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'X-CSRFToken': csrf || '' },
        body: JSON.stringify(entry.body),
      });
      status = response.status;
      body = await response.json().catch(() => null);
    } catch (_) {
      status = 0;
    }
    return root.FootworkSync.outcome(status, body);
  }

  // Sends what is queued, in order; stops at the first entry the network did not take (the rest keep their turn).
  async function flushNow() {
    const csrf = await meta('csrf', '');
    const queued = root.FootworkSync.sendOrder((await all()).filter((entry) => entry.state === 'queued'));
    let delivered = 0;
    for (const entry of queued) {
      const answer = await send(entry, csrf);
      if (answer.result === 'sent' || answer.result === 'duplicate') {
        await remove(entry.id);
        delivered += 1;
        changed({ delivered: entry.id, kind: entry.kind });
      } else if (answer.result === 'refused') {
        await put({ ...entry, state: 'refused', reason: answer.reason });
        changed({ refused: entry.id });
      } else {
        await put({ ...entry, attempts: entry.attempts + 1, reason: answer.reason });
        changed({ waiting: entry.id });
        break;
      }
    }
    return delivered;
  }

  function flush() {
    const locks = root.navigator && root.navigator.locks;
    return locks ? locks.request('footwork-outbox', flushNow) : flushNow();
  }

  root.FootworkOutbox = {
    SYNC_TAG,
    channel,
    add,
    all,
    dismiss,
    clear,
    flush,
    setCsrf: (token) => setMeta('csrf', token),
    mediaIndex: () => meta('media', []),
    setMediaIndex: (items) => setMeta('media', items),
  };
})(typeof self !== 'undefined' ? self : globalThis);
