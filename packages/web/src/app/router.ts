/**
 * A small history-API router: the current path as React state, `navigate()` to move, and a matcher
 * for the app's few routes. Links are real <a href> elements (keyboard, middle-click and screen
 * readers behave as on any page); plain left clicks are intercepted to avoid a reload.
 */
import { useEffect, useState, type MouseEvent } from 'react';

const listeners = new Set<() => void>();

export function currentLocation(): { path: string; search: string } {
  return { path: window.location.pathname, search: window.location.search };
}

/** Moves to `to` (path with optional query) without reloading; `replace` keeps history short. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace === true) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  for (const listener of listeners) listener();
}

/** The current path and query; re-renders on navigation and on the browser's back/forward. */
export function useLocation(): { path: string; search: string } {
  const [location, setLocation] = useState(currentLocation);
  useEffect(() => {
    const update = (): void => {
      setLocation(currentLocation());
    };
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return location;
}

/** Screens holding work that leaving would lose; each returns the question to ask, or null. */
const leaveGuards = new Set<() => string | null>();

/**
 * Registers a guard asked before an in-app link leaves the screen (the browser asks on its own for a
 * reload or a closed tab, through `beforeunload`). Returns the function that removes it.
 */
export function guardLeaving(question: () => string | null): () => void {
  leaveGuards.add(question);
  return () => {
    leaveGuards.delete(question);
  };
}

function userAgreesToLeave(): boolean {
  for (const guard of leaveGuards) {
    const question = guard();
    if (question !== null && !window.confirm(question)) return false;
  }
  return true;
}

/** Click handler for in-app links: lets modified clicks (new tab etc.) through. */
export function followLink(event: MouseEvent<HTMLAnchorElement>): void {
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  if (!userAgreesToLeave()) return;
  navigate(event.currentTarget.getAttribute('href') ?? '/');
}

export type Route =
  | { readonly name: 'patients' }
  | { readonly name: 'patient-new' }
  | { readonly name: 'patient'; readonly id: string }
  | { readonly name: 'patient-edit'; readonly id: string }
  | { readonly name: 'audit' }
  | { readonly name: 'users' }
  // --- clinic floor (issue 4) ---
  | { readonly name: 'patient-courses'; readonly id: string }
  | { readonly name: 'screening'; readonly id: string }
  | { readonly name: 'course'; readonly id: string }
  | { readonly name: 'order'; readonly id: string }
  | { readonly name: 'session'; readonly id: string }
  | { readonly name: 'board' }
  | { readonly name: 'ledger' }
  | { readonly name: 'intake'; readonly id: string }
  | { readonly name: 'consent'; readonly id: string }
  | { readonly name: 'session-summary'; readonly id: string }
  // --- end clinic floor ---
  // --- portal and questionnaires (issue 5) ---
  | { readonly name: 'alerts' }
  | { readonly name: 'referrals' }
  | { readonly name: 'course-questionnaires'; readonly id: string }
  // --- end portal ---
  // --- outcomes, analytics, research (issue 5) ---
  | { readonly name: 'patient-outcomes'; readonly id: string }
  | { readonly name: 'analytics' }
  | { readonly name: 'research-export' }
  // --- end outcomes ---
  | { readonly name: 'authenticator' }
  | { readonly name: 'home' }
  | { readonly name: 'not-found' };

const ID = '([0-9a-fA-F-]{36})';

/** Maps a path to a route; unknown paths are `not-found` (never silently the home page). */
export function matchRoute(path: string): Route {
  const clean = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  if (clean === '/') return { name: 'home' };
  if (clean === '/patients') return { name: 'patients' };
  if (clean === '/patients/new') return { name: 'patient-new' };
  const edit = new RegExp(`^/patients/${ID}/edit$`).exec(clean);
  if (edit?.[1] !== undefined) return { name: 'patient-edit', id: edit[1] };
  const record = new RegExp(`^/patients/${ID}$`).exec(clean);
  if (record?.[1] !== undefined) return { name: 'patient', id: record[1] };
  if (clean === '/audit') return { name: 'audit' };
  if (clean === '/users') return { name: 'users' };
  if (clean === '/account/authenticator') return { name: 'authenticator' }; // set up by choice (T-44)
  if (clean === '/alerts') return { name: 'alerts' }; // portal and questionnaires (issue 5)
  if (clean === '/referrals') return { name: 'referrals' }; // referral queue (issue 5)
  const schedule = new RegExp(`^/courses/${ID}/questionnaires$`).exec(clean); // issue 5
  if (schedule?.[1] !== undefined) return { name: 'course-questionnaires', id: schedule[1] };
  if (clean === '/analytics') return { name: 'analytics' }; // clinic analytics (issue 5)
  if (clean === '/research') return { name: 'research-export' }; // research export (issue 5)
  const outcomes = new RegExp(`^/patients/${ID}/outcomes$`).exec(clean);
  if (outcomes?.[1] !== undefined) return { name: 'patient-outcomes', id: outcomes[1] };
  const floor = matchFloorRoute(clean);
  if (floor !== null) return floor;
  return { name: 'not-found' };
}

// --- clinic floor (issue 4): courses, orders, sessions, chair board, ledger ---
const FLOOR_PATTERNS: readonly (readonly [
  RegExp,
  (
    | 'patient-courses'
    | 'screening'
    | 'course'
    | 'order'
    | 'session'
    | 'intake'
    | 'consent'
    | 'session-summary'
  ),
])[] = [
  [new RegExp(`^/patients/${ID}/courses$`), 'patient-courses'],
  [new RegExp(`^/patients/${ID}/screening$`), 'screening'],
  [new RegExp(`^/courses/${ID}$`), 'course'],
  [new RegExp(`^/orders/${ID}$`), 'order'],
  [new RegExp(`^/sessions/${ID}$`), 'session'],
  [new RegExp(`^/patients/${ID}/intake$`), 'intake'],
  [new RegExp(`^/patients/${ID}/consent$`), 'consent'],
  [new RegExp(`^/sessions/${ID}/summary$`), 'session-summary'],
];

function matchFloorRoute(clean: string): Route | null {
  if (clean === '/board') return { name: 'board' };
  if (clean === '/ledger') return { name: 'ledger' };
  for (const [pattern, name] of FLOOR_PATTERNS) {
    const id = pattern.exec(clean)?.[1];
    if (id !== undefined) return { name, id };
  }
  return null;
}
// --- end clinic floor ---
