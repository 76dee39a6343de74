// When a document being edited is diagnosed: a change after a pause at once, a burst once after
// it (and at least every maxWaitMs while it goes on).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EditActivity } from '../../../server/edit-activity.ts';

const TIMES = { quietMs: 50, debounceMs: 150, maxWaitMs: 1000 };

function clock() {
  let now = 10_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

test('a change after a quiet spell is due at once; the diagnose makes the document current', () => {
  const c = clock();
  const a = new EditActivity(TIMES, c.now);
  a.changed('u'); // didOpen
  assert.equal(a.dueIn('u'), 0);
  a.diagnosed('u');
  c.advance(200);
  a.changed('u'); // a keystroke after a pause
  assert.equal(a.dueIn('u'), 0);
  a.diagnosed('u');
  assert.equal(a.dueIn('u'), 0);
});

test('a burst waits for debounceMs after its last change, but no longer than maxWaitMs', () => {
  const c = clock();
  const a = new EditActivity(TIMES, c.now);
  a.changed('u');
  a.diagnosed('u');
  c.advance(10);
  a.changed('u'); // 10 ms after the last diagnose: part of a burst
  assert.equal(a.dueIn('u'), 150);
  for (let i = 0; i < 5; i++) {
    c.advance(100);
    a.changed('u');
    assert.equal(a.dueIn('u'), 150);
  }
  // 500 ms into the burst; changes go on every 100 ms: due at 1000 ms after its first change
  c.advance(100);
  a.changed('u');
  c.advance(100);
  a.changed('u');
  c.advance(100);
  a.changed('u');
  c.advance(100);
  a.changed('u');
  assert.equal(a.dueIn('u'), 100);
  c.advance(100);
  assert.equal(a.dueIn('u'), 0);
});

test('two changes in a row are a burst even after a pause; a long diagnose counts as activity', () => {
  const c = clock();
  const a = new EditActivity(TIMES, c.now);
  a.changed('u');
  a.diagnosed('u');
  c.advance(1000);
  a.changed('u');
  a.changed('u');
  assert.equal(a.dueIn('u'), 150);
  c.advance(150);
  assert.equal(a.dueIn('u'), 0);
  a.diagnosed('u');
  // the next change arrives right after the diagnose ended (the messages waited behind it)
  a.changed('u');
  assert.equal(a.dueIn('u'), 150);
  a.forget('u');
  assert.equal(a.dueIn('u'), 0);
});
