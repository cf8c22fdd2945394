/**
 * The sessions a draw can be recorded for, named as the floor knows them (chair, patient initials,
 * protocol, state) instead of by id: every session on the chair board (one per chair: the one in it,
 * else the next one booked) and the session whose page linked here (`/ledger?session=…`), which may
 * have left its chair already (a draw documented after discharge). The form chooses none of them by
 * default (useExplicitChoice): a draw recorded against the wrong patient is what this list prevents.
 */
import type { BoardSnapshot, InfusionSession } from '@ketaflow/contract';
import { formatInstant } from '../../app/format.ts';

export interface SessionChoice {
  readonly value: string;
  readonly label: string;
}

const stateLabel = (state: string): string => state.replace(/-/g, ' ');

/** Session id → its name on the board ("Chair 3 · J.D. · CRPS · running"). */
export function boardSessionNames(board: BoardSnapshot): ReadonlyMap<string, string> {
  const names = new Map<string, string>();
  for (const chair of board.chairs) {
    const s = chair.session;
    if (s === null) continue;
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

/** The choices, the linked session first. */
export function sessionChoices(
  boardNames: ReadonlyMap<string, string>,
  linked: { readonly id: string; readonly name: string } | null,
): SessionChoice[] {
  const choices = [...boardNames].map(([value, label]) => ({ value, label }));
  if (linked !== null && !boardNames.has(linked.id)) {
    choices.unshift({ value: linked.id, label: linked.name });
  }
  return choices;
}
