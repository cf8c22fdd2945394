/**
 * The sessions a draw can be recorded for, named as the floor knows them (chair, patient initials,
 * protocol, state) instead of by id: the sessions on the chair board (one per chair: the one in it,
 * else the next one booked) and the session whose page linked here (`/ledger?session=…`), each only
 * while it can take a draw (checked in, infusion not ended: core draw-window.ts, the rule the
 * server applies; the form records the present time). The form chooses none of them by
 * default (useExplicitChoice): a draw recorded against the wrong patient is what this list prevents.
 */
import type { BoardSnapshot, InfusionSession } from '@ketaflow/contract';
import { DRAWABLE_SESSION_STATES } from '@ketaflow/core';
import { formatInstant } from '../../app/format.ts';

export interface SessionChoice {
  readonly value: string;
  readonly label: string;
}

const stateLabel = (state: string): string => state.replace(/-/g, ' ');

/** Session id → its name on the board ("Chair 3 · J.D. · CRPS · running"), of those `keep` keeps. */
export function boardSessionNames(
  board: BoardSnapshot,
  keep: (state: string) => boolean = () => true,
): ReadonlyMap<string, string> {
  const names = new Map<string, string>();
  for (const chair of board.chairs) {
    const s = chair.session;
    if (s === null || !keep(s.state)) continue;
    names.set(s.id, `${chair.chairName} · ${s.initials} · ${s.protocol} · ${stateLabel(s.state)}`);
  }
  return names;
}

/** The name of a session that is not on the board, from its own record. */
export function linkedSessionName(
  session: Pick<InfusionSession, 'scheduledStartAt' | 'state'>,
  timeZone: string,
): string {
  return `Session booked ${formatInstant(session.scheduledStartAt, timeZone)} · ${stateLabel(session.state)}`;
}

/** Whether a session in `state` can take a draw now (the server's rule, core draw-window.ts). */
export const canTakeDraw = (state: string): boolean =>
  (DRAWABLE_SESSION_STATES as readonly string[]).includes(state);

/** The choices (sessions that can take a draw now), the linked session first. */
export function sessionChoices(
  board: BoardSnapshot | null,
  linked: { readonly id: string; readonly name: string; readonly state: string } | null,
): SessionChoice[] {
  const names = board === null ? new Map<string, string>() : boardSessionNames(board, canTakeDraw);
  const choices = [...names].map(([value, label]) => ({ value, label }));
  const onBoard = board?.chairs.some((c) => c.session?.id === linked?.id) ?? false;
  if (linked !== null && !onBoard && canTakeDraw(linked.state)) {
    choices.unshift({ value: linked.id, label: linked.name });
  }
  return choices;
}
