import assert from 'node:assert/strict';
import { test } from 'node:test';
import { byCount, countOutcome, createRecentIds, failureCode, pickTarget } from './bot-logic';

const near = [
  { id: 'phantom', lat: 0, lng: 0 },
  { id: 'next', lat: 0, lng: 0.001 },
  { id: 'far', lat: 0, lng: 0.002 },
];

test('a bot goes for the nearest listed treasure and keeps its target while it is listed', () => {
  const failed = createRecentIds(10);
  assert.equal(pickTarget(near, failed)?.id, 'phantom');
  assert.equal(pickTarget(near, failed, near[2])?.id, 'far');
  assert.equal(pickTarget(near.slice(0, 2), failed, near[2])?.id, 'phantom');
  assert.equal(pickTarget([], failed), undefined);
});

test('a treasure whose claim failed is skipped even while it stays listed nearest', () => {
  const failed = createRecentIds(10);
  failed.add('phantom');
  assert.equal(pickTarget(near, failed)?.id, 'next');
  assert.equal(pickTarget(near, failed, near[0])?.id, 'next');
  failed.add('next');
  failed.add('far');
  assert.equal(pickTarget(near, failed), undefined);
});

test('failed ids are capped: the least recently added go first', () => {
  const failed = createRecentIds(1000);
  for (let i = 0; i < 5000; i++) failed.add(`t${i}`);
  assert.equal(failed.size, 1000);
  assert.equal(failed.has('t3999'), false);
  assert.equal(failed.has('t4000'), true);
  failed.add('t4000'); // refreshed: now the most recent
  failed.add('t5000');
  assert.equal(failed.has('t4000'), true);
  assert.equal(failed.has('t4001'), false);
  assert.throws(() => createRecentIds(0), RangeError);
});

test('a failed reply is counted by its HUNT_ERR_* code, else by HTTP status', () => {
  const body = { error: { code: 'HUNT_ERR_ALREADY_CLAIMED', message: 'another player already claimed this treasure' } };
  assert.equal(failureCode(409, body), 'HUNT_ERR_ALREADY_CLAIMED');
  assert.equal(failureCode(502, undefined), 'http_502');
  assert.equal(failureCode(500, { error: 'boom' }), 'http_500');
  assert.equal(failureCode(418, { error: { code: 'TEAPOT' } }), 'http_418');
});

test('outcomes count per code and list largest first, ties by code', () => {
  const counts = new Map<string, number>();
  for (const code of ['won', 'HUNT_ERR_TOO_FAR', 'network', 'won', 'HUNT_ERR_TOO_FAR', 'won'])
    countOutcome(counts, code);
  countOutcome(counts, 'network', 1);
  assert.deepEqual(byCount(counts), [
    ['won', 3],
    ['HUNT_ERR_TOO_FAR', 2],
    ['network', 2],
  ]);
});
