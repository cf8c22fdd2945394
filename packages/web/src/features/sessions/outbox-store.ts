/**
 * Unsent chart entries per infusion session, held in this tab's memory outside any screen, so they
 * outlive the screen that took them: when the sign-in session ends (timed out, ended by an
 * administrator) the app shows the sign-in form and the session screen goes, but its entries stay
 * here and are sent, with their original ids, once the same user has signed in again and the
 * session screen is back. Never in browser storage (they are PHI). They belong to the user who
 * charted them: when someone else signs in on this tab they are dropped, never sent in that
 * person's name.
 */
import type { Outbox } from './chart-outbox.ts';

interface Store {
  /** The user who charted the entries held; null while nothing is held. */
  owner: string | null;
  readonly boxes: Map<string, Outbox>;
}

const store: Store = { owner: null, boxes: new Map() };
/** One empty outbox, so a screen reading an empty store sees the same value each time. */
const NONE: Outbox = [];
const listeners = new Set<() => void>();
const changed = (): void => {
  for (const listener of listeners) listener();
};

/** Subscribes to changes of what is held (React's useSyncExternalStore); returns the unsubscribe. */
export function subscribeHeld(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The entries held for one infusion session (empty when none). */
export function heldOutbox(sessionId: string): Outbox {
  return store.boxes.get(sessionId) ?? NONE;
}

/** Replaces what is held for one infusion session; `owner` is the user charting. */
export function holdOutbox(sessionId: string, owner: string, outbox: Outbox): void {
  if (store.owner !== null && store.owner !== owner) store.boxes.clear();
  store.owner = owner;
  if (outbox.length === 0) store.boxes.delete(sessionId);
  else store.boxes.set(sessionId, outbox);
  if (store.boxes.size === 0) store.owner = null;
  changed();
}

/** How many entries are held, over all infusion sessions. */
export function heldEntryCount(): number {
  let count = 0;
  for (const box of store.boxes.values()) count += box.length;
  return count;
}

/**
 * Called when `userId` has signed in on this tab: entries another user charted are dropped.
 * Returns how many were dropped.
 */
export function keepOnlyEntriesOf(userId: string): number {
  if (store.owner === null || store.owner === userId) return 0;
  const dropped = heldEntryCount();
  store.boxes.clear();
  store.owner = null;
  changed();
  return dropped;
}

/** The user signed out on purpose (after being told what was unsent): nothing is kept. */
export function dropHeldEntries(): void {
  store.boxes.clear();
  store.owner = null;
  changed();
}
