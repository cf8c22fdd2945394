import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDrawTime, type SessionStep } from './draw-window.ts';

const T = (hhmm: string): number => Date.parse(`2026-11-25T${hhmm}:00Z`);
const step = (from: string, to: string, at: string): SessionStep => ({ from, to, atMs: T(at) });
const ran: SessionStep[] = [
  step('scheduled', 'checked-in', '09:00'),
  step('checked-in', 'prechecks-done', '09:10'),
  step('prechecks-done', 'double-checked', '09:20'),
  step('double-checked', 'running', '09:25'),
  step('running', 'stopped', '10:05'),
  step('stopped', 'recovery', '10:06'),
  step('recovery', 'discharged', '11:10'),
];

test('a session checked in and not yet stopped takes a draw', () => {
  for (const state of ['checked-in', 'prechecks-done', 'double-checked', 'running', 'paused']) {
    assert.equal(checkDrawTime(state, [], T('09:30')).ok, true, state);
  }
});

test('a session never checked in takes no draw: scheduled, or cancelled before check-in', () => {
  for (const [state, steps] of [
    ['scheduled', []],
    ['cancelled', [step('scheduled', 'cancelled', '08:00')]],
  ] as const) {
    const r = checkDrawTime(state, steps, T('09:30'));
    assert.ok(!r.ok, state);
    assert.equal(r.error.code, 'ledger.session-not-drawable');
    assert.equal(r.error.field, 'sessionId');
  }
});

test('an ended session takes only a draw dated between check-in and the end of its infusion', () => {
  assert.equal(checkDrawTime('discharged', ran, T('09:15')).ok, true);
  for (const at of ['08:59', '10:05', '11:30']) {
    const r = checkDrawTime('discharged', ran, T(at));
    assert.ok(!r.ok, at);
    assert.equal(r.error.code, 'ledger.draw-outside-session');
    assert.equal(r.error.field, 'occurredAt');
  }
  const cancelled = [
    step('scheduled', 'checked-in', '09:00'),
    step('checked-in', 'prechecks-done', '09:10'),
    step('prechecks-done', 'cancelled', '09:40'),
  ];
  assert.equal(checkDrawTime('cancelled', cancelled, T('09:30')).ok, true, 'drawn, then cancelled');
  assert.equal(
    checkDrawTime('cancelled', cancelled, T('09:45')).ok,
    false,
    'drawn after cancelling',
  );
  assert.equal(checkDrawTime('transferred', ran.slice(0, 5), T('10:30')).ok, false);
});
