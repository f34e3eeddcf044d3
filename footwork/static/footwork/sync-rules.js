/*
 * Footwork's offline sync rules, pure (no DOM, no network, no storage), shared by the pages (offline.js), the queue
 * (outbox.js) and the service worker; unit-tested with `node --test` (training/tests/js/sync-rules.test.js, run by
 * pytest).
 *
 *   sendOrder(entries)       red-flag referrals first (a red flag is heard first), then the rest as they were made
 *   outcome(status, body)    what an answer means: delivered, refused for good (with the server's reason), or retry
 *   evict(items, capBytes)   which cached media go, least recently cached first, so the rest fit under the cap
 */
(function (root) {
  'use strict';

  // Per runner, on one phone: a week of sessions' photos and short clips (a clip is a few MB).
  const MEDIA_CAP_BYTES = 60 * 1024 * 1024;
  const REFERRAL = 'referral';

  const rank = (entry) => (entry.kind === REFERRAL ? 0 : 1);

  function sendOrder(entries) {
    return entries
      .slice()
      .sort((a, b) => rank(a) - rank(b) || a.createdAt - b.createdAt || (a.id || 0) - (b.id || 0));
  }

  const RETRY_STATUSES = new Set([408, 425, 429]);

  /*
   * status: the HTTP status, or 0 when no answer came (no signal, a dropped connection).
   * body: the parsed JSON answer, or null.
   * Answers {result: 'sent' | 'duplicate' | 'refused' | 'retry' | 'signed-out', reason?}.
   */
  function outcome(status, body) {
    const detail = body && typeof body.detail === 'string' && body.detail.trim() ? body.detail.trim() : '';
    if (!status) return { result: 'retry', reason: 'No signal: it will be sent when the phone is back online.' };
    if (status === 201) return { result: 'sent' };
    // The same client UUID was stored before (sent twice, or from another tab): nothing more to do.
    if (status >= 200 && status < 300) return { result: 'duplicate' };
    // Signed out meanwhile: kept until the runner signs in again.
    if (status === 401) return { result: 'signed-out', reason: 'Sign in again to send it.' };
    // A stale form token after signing in again is not the entry's fault.
    if (status === 403 && /csrf/i.test(detail)) return { result: 'retry', reason: 'Open Footwork again to send it.' };
    if (RETRY_STATUSES.has(status) || status >= 500) {
      return { result: 'retry', reason: 'Footwork did not answer: it will be tried again.' };
    }
    return { result: 'refused', reason: detail || 'Footwork refused this entry.' };
  }

  /* items: [{url, bytes, at}], at = when cached (ms). Answers the urls to delete. */
  function evict(items, capBytes) {
    let total = items.reduce((sum, item) => sum + (item.bytes || 0), 0);
    const gone = [];
    for (const item of items.slice().sort((a, b) => a.at - b.at)) {
      if (total <= capBytes) break;
      gone.push(item.url);
      total -= item.bytes || 0;
    }
    return gone;
  }

  const api = { MEDIA_CAP_BYTES, REFERRAL, sendOrder, outcome, evict };
  root.FootworkSync = api;
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
})(typeof self !== 'undefined' ? self : globalThis);
