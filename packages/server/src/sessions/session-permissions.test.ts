/**
 * What a session offers each role (session-permissions.ts): in every state, exactly the allowed events
 * whose permission the role holds, and the double check only before it is entered and only to a
 * role that may enter it; pinned for the roles the issue names (a coordinator checks in but does no
 * clinical step; a researcher does nothing).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allowedEvents, SESSION_STATES } from '@ketaflow/core';
import { roleHas, ROLES, type Permission, type Role } from '../access/permissions.ts';
import { Scope } from '../access/scope.ts';
import { DOUBLE_CHECK_PERMISSION, EVENT_PERMISSION, sessionOffers } from './session-permissions.ts';

const scopeOf = (role: Role): Scope =>
  new Scope({ userId: 'u', role, clinicId: 'c', patientId: role === 'patient' ? 'p' : null });

test('every state offers each role the allowed events it holds the permission for', () => {
  for (const role of ROLES) {
    for (const state of SESSION_STATES) {
      const offers = sessionOffers(state, scopeOf(role));
      const expected = allowedEvents(state).filter((event) => {
        const permission = (EVENT_PERMISSION as Record<string, Permission | undefined>)[event];
        return permission !== undefined && roleHas(role, permission);
      });
      assert.deepEqual(offers.offeredEvents, expected, `${role} in ${state}`);
      assert.equal(
        offers.offersDoubleCheck,
        state === 'prechecks-done' && roleHas(role, DOUBLE_CHECK_PERMISSION),
        `${role} in ${state}: double check`,
      );
    }
  }
});

test('a coordinator is offered check-in and cancel; clinicians every clinical step; a researcher nothing', () => {
  assert.deepEqual([...sessionOffers('scheduled', scopeOf('coordinator')).offeredEvents].sort(), [
    'cancel',
    'check-in',
  ]);
  assert.deepEqual(sessionOffers('running', scopeOf('coordinator')).offeredEvents, []);
  assert.equal(sessionOffers('prechecks-done', scopeOf('coordinator')).offersDoubleCheck, false);
  for (const role of ['nurse', 'prescriber'] as const) {
    assert.deepEqual(
      sessionOffers('running', scopeOf(role)).offeredEvents,
      ['pause', 'stop'],
      `${role}: every step of a running session`,
    );
    assert.ok(sessionOffers('prechecks-done', scopeOf(role)).offersDoubleCheck, role);
    assert.equal(sessionOffers('running', scopeOf(role)).offersDoubleCheck, false, role);
  }
  for (const state of SESSION_STATES) {
    const offers = sessionOffers(state, scopeOf('researcher'));
    assert.deepEqual(offers.offeredEvents, [], `researcher in ${state}`);
    assert.equal(offers.offersDoubleCheck, false);
  }
});
