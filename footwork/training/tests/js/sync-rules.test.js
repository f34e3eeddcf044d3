// The offline sync rules (footwork/static/footwork/sync-rules.js); run by test_sync_rules.py with `node --test`.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const rules = require('../../../static/footwork/sync-rules.js');

test('red-flag referrals go first, then every entry as it was made', () => {
  const entries = [
    { id: 1, kind: 'session', createdAt: 100 },
    { id: 2, kind: 'checkin', createdAt: 50 },
    { id: 3, kind: 'referral', createdAt: 300 },
    { id: 4, kind: 'screening', createdAt: 200 },
    { id: 5, kind: 'referral', createdAt: 250 },
  ];
  assert.deepEqual(rules.sendOrder(entries).map((e) => e.id), [5, 3, 2, 1, 4]);
  // The queue itself is left as it was.
  assert.deepEqual(entries.map((e) => e.id), [1, 2, 3, 4, 5]);
});

test('entries made in the same millisecond keep the order they were queued in', () => {
  const entries = [{ id: 9, kind: 'checkin', createdAt: 7 }, { id: 8, kind: 'session', createdAt: 7 }];
  assert.deepEqual(rules.sendOrder(entries).map((e) => e.id), [8, 9]);
});

test('an answer is delivered, a duplicate, a final refusal with its reason, or a retry', () => {
  assert.equal(rules.outcome(201, {}).result, 'sent');
  assert.equal(rules.outcome(200, {}).result, 'duplicate');
  assert.deepEqual(rules.outcome(422, { detail: 'The check-in of Mon 30 Nov was already made.' }), {
    result: 'refused',
    reason: 'The check-in of Mon 30 Nov was already made.',
  });
  assert.equal(rules.outcome(404, { detail: 'No session on that day.' }).result, 'refused');
  assert.equal(rules.outcome(400, null).reason, 'Footwork refused this entry.');
  for (const status of [0, 408, 429, 500, 502, 503]) assert.equal(rules.outcome(status, null).result, 'retry');
  assert.equal(rules.outcome(403, { detail: 'CSRF check Failed' }).result, 'retry');
  assert.equal(rules.outcome(403, { detail: 'Only runners log training.' }).result, 'refused');
  assert.equal(rules.outcome(401, { detail: 'Unauthorized' }).result, 'signed-out');
});

test('media over the cap are evicted, least recently cached first, until the rest fit', () => {
  const items = [
    { url: '/media/c', bytes: 30, at: 3 },
    { url: '/media/a', bytes: 50, at: 1 },
    { url: '/media/b', bytes: 40, at: 2 },
  ];
  assert.deepEqual(rules.evict(items, 100), ['/media/a']);
  assert.deepEqual(rules.evict(items, 30), ['/media/a', '/media/b']);
  assert.deepEqual(rules.evict(items, 120), []);
  assert.deepEqual(rules.evict([], 0), []);
});
