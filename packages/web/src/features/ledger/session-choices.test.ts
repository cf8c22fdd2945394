/* eslint-disable no-restricted-imports -- unit tests run in Node (node:test), not in the browser */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BoardSnapshot, BoardTile } from '@ketaflow/contract';
import { boardSessionNames, linkedSessionName, sessionChoices } from './session-choices.ts';

const id = (n: number): string => `00000000-0000-4000-8000-00000000000${String(n)}`;

function tile(
  chair: number,
  session: { id: string; initials: string; state: string } | null,
): BoardTile {
  return {
    chairId: id(chair),
    chairName: `Chair ${String(chair)}`,
    session:
      session === null
        ? null
        : {
            ...session,
            protocol: 'CRPS',
            elapsedMin: null,
            remainingMin: null,
            rateMgPerH: 0,
            rateMlPerH: 0,
            lastVitals: null,
            overdue: [],
            activeAlarms: [],
          },
  };
}

const board: BoardSnapshot = {
  clinicId: id(0),
  generatedAt: '2026-11-26T17:00:00Z',
  chairs: [
    tile(1, { id: id(5), initials: 'J.D.', state: 'prechecks-done' }),
    tile(2, null),
    tile(3, { id: id(6), initials: 'A.B.', state: 'running' }),
  ],
};

test('every session on the board is named by chair, initials, protocol and state; empty chairs are not', () => {
  assert.deepEqual(
    [...boardSessionNames(board)],
    [
      [id(5), 'Chair 1 · J.D. · CRPS · prechecks done'],
      [id(6), 'Chair 3 · A.B. · CRPS · running'],
    ],
  );
});

test("the choices are the board's sessions in chair order", () => {
  assert.deepEqual(
    sessionChoices(board, null).map((c) => c.value),
    [id(5), id(6)],
  );
});

test('a session that cannot take a draw (not checked in, or its infusion ended) is not offered', () => {
  const floor: BoardSnapshot = {
    ...board,
    chairs: [
      ...board.chairs,
      tile(4, { id: id(8), initials: 'C.D.', state: 'scheduled' }),
      tile(5, { id: id(9), initials: 'E.F.', state: 'recovery' }),
    ],
  };
  assert.deepEqual(
    sessionChoices(floor, null).map((c) => c.value),
    [id(5), id(6)],
  );
  const left = { id: id(7), name: 'Session booked …', state: 'discharged' };
  assert.deepEqual(
    sessionChoices(floor, left).map((c) => c.value),
    [id(5), id(6)],
  );
});

test('a linked session that left the board is offered first, under its own name', () => {
  const choices = sessionChoices(board, { id: id(7), name: 'Session booked …', state: 'paused' });
  assert.deepEqual(
    choices.map((c) => c.value),
    [id(7), id(5), id(6)],
  );
});

test('a linked session on the board is listed once, under its board name', () => {
  const choices = sessionChoices(board, { id: id(6), name: 'other name', state: 'running' });
  assert.deepEqual(
    choices.filter((c) => c.value === id(6)),
    [{ value: id(6), label: 'Chair 3 · A.B. · CRPS · running' }],
  );
});

test("a linked session's own name gives its booking on the clinic's clock and its state", () => {
  const session = { scheduledStartAt: '2026-11-26T17:05:00Z', state: 'discharged' } as const;
  assert.equal(
    linkedSessionName(session, 'America/Los_Angeles'),
    'Session booked 2026-11-26 09:05 PST · discharged',
  );
});
