/**
 * Whether the server (and its database) can be reached right now (safety-security.md T-61: when the
 * server or database is unreachable the screen says so within 5 s and never shows a false "saved").
 * A probe of /readyz runs every PROBE_EVERY_MS and gives up after PROBE_TIMEOUT_MS, so an outage is
 * seen at most PROBE_EVERY_MS + PROBE_TIMEOUT_MS after it began; a request of the app that fails on
 * the network says so at once. Any answer from the server clears it again.
 */

/** How often the server is probed while a signed-in page is open. */
export const PROBE_EVERY_MS = 2_000;
/** A probe with no answer by then counts as unreachable (a hung server answers nothing at all). */
export const PROBE_TIMEOUT_MS = 2_500;
/** The bound T-61 asks for: the banner shows within this time of an outage. */
export const DETECT_WITHIN_MS = 5_000;

export type Outage = 'network' | 'database';

export type Reachability =
  | { readonly status: 'reachable' }
  | { readonly status: 'unreachable'; readonly outage: Outage; readonly sinceMs: number };

export const REACHABLE: Reachability = { status: 'reachable' };

/** What one probe (or one request of the app) found. */
export type ProbeOutcome = 'ok' | Outage;

/**
 * The state after an outcome at `nowMs`. An outage keeps the time it was first seen (the banner
 * says since when), even when its cause changes from network to database or back.
 */
export function afterOutcome(
  state: Reachability,
  outcome: ProbeOutcome,
  nowMs: number,
): Reachability {
  if (outcome === 'ok') return REACHABLE;
  if (state.status === 'unreachable') {
    return state.outage === outcome ? state : { ...state, outage: outcome };
  }
  return { status: 'unreachable', outage: outcome, sinceMs: nowMs };
}

/** One probe: /readyz answers 200 when the server and its database answer, 503 when only the server does. */
export async function probeServer(
  fetchImpl: typeof fetch = fetch,
  timeoutMs: number = PROBE_TIMEOUT_MS,
): Promise<ProbeOutcome> {
  const controller = new AbortController();
  const timer = setTimeout(() => {
    controller.abort();
  }, timeoutMs);
  try {
    const response = await fetchImpl('/readyz', {
      cache: 'no-store',
      credentials: 'same-origin',
      signal: controller.signal,
    });
    if (response.ok) return 'ok';
    return response.status === 503 ? 'database' : 'network';
  } catch {
    return 'network';
  } finally {
    clearTimeout(timer);
  }
}

type Listener = (state: Reachability) => void;
let current: Reachability = REACHABLE;
const listeners = new Set<Listener>();

/** Records an outcome (a probe's, or a request's of the app) and tells every subscriber. */
export function reportOutcome(outcome: ProbeOutcome, nowMs: number = Date.now()): void {
  const next = afterOutcome(current, outcome, nowMs);
  if (next === current) return;
  current = next;
  for (const listener of listeners) listener(current);
}

export function currentReachability(): Reachability {
  return current;
}

/** Subscribes to changes; returns the unsubscribe function. */
export function subscribeReachability(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
