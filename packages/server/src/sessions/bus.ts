/**
 * The in-process event bus of the chair board: a service publishes "something changed in clinic X"
 * after its transaction committed; board streams of that clinic recompute and push. One process
 * only (a multi-process deployment would put LISTEN/NOTIFY behind the same two functions).
 */
type Listener = () => void;

const listeners = new Map<string, Set<Listener>>();

/** Subscribes to a clinic's changes; returns the unsubscribe function. */
export function subscribe(clinicId: string, listener: Listener): () => void {
  let set = listeners.get(clinicId);
  if (set === undefined) {
    set = new Set();
    listeners.set(clinicId, set);
  }
  set.add(listener);
  return () => {
    set.delete(listener);
    if (set.size === 0) listeners.delete(clinicId);
  };
}

/** Tells every subscriber of the clinic that its board changed. Call after commit only. */
export function publish(clinicId: string): void {
  for (const listener of listeners.get(clinicId) ?? []) listener();
}
