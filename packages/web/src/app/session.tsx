/**
 * The signed-in session as the app sees it: the server's SessionInfo (who, which clinic, what step
 * of sign-in is still due) or null when signed out. The CSRF token it carries is handed to the API
 * client; any 401 from the server clears the session, which brings back the sign-in screen. Chart
 * entries not yet saved at that moment are kept for the same user (features/sessions/outbox-store.ts)
 * and the sign-in screen says so.
 */
import type { ClinicMembership, SessionInfo } from '@ketaflow/contract';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { onUnauthenticated, setCsrfToken } from '../api/client.ts';
import { ApiError } from '../api/problem.ts';
import { readSession, signOut as signOutCall } from '../features/auth/auth-api.ts';
import {
  dropHeldEntries,
  heldEntryCount,
  keepOnlyEntriesOf,
} from '../features/sessions/outbox-store.ts';

type SessionState =
  | { readonly status: 'loading' }
  | { readonly status: 'signed-out'; readonly reason: string | null }
  | { readonly status: 'signed-in'; readonly info: SessionInfo };

interface SessionApi {
  readonly state: SessionState;
  /** Store the session the server just returned (after sign-in, MFA, password change…). */
  readonly accept: (info: SessionInfo) => void;
  readonly signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionApi | null>(null);

export function SessionProvider(props: { readonly children: ReactNode }): ReactNode {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const status = useRef(state.status);
  status.current = state.status;

  const accept = useCallback((info: SessionInfo) => {
    setCsrfToken(info.csrfToken);
    keepOnlyEntriesOf(info.user.id);
    setState({ status: 'signed-in', info });
  }, []);

  const signedOut = useCallback((reason: string | null) => {
    setCsrfToken(null);
    setState({ status: 'signed-out', reason });
  }, []);

  useEffect(() => {
    onUnauthenticated(() => {
      // Only a signed-in session ends here; a refused sign-in attempt stays on its own screen.
      if (status.current !== 'signed-in') return;
      signedOut(
        `Your session has ended (signed out, timed out or ended by an administrator). Sign in again.${unsavedNotice(heldEntryCount())}`,
      );
    });
    readSession().then(accept, (error: unknown) => {
      signedOut(
        error instanceof ApiError && error.problem.status !== 401 ? error.problem.detail : null,
      );
    });
    return () => {
      onUnauthenticated(null);
    };
  }, [accept, signedOut]);

  const signOut = useCallback(async () => {
    dropHeldEntries();
    try {
      await signOutCall();
      signedOut('You are signed out.');
    } catch (error) {
      // A 401 means the session had already ended. Otherwise the server may still hold it: say so
      // rather than claim a sign-out that did not happen.
      signedOut(
        error instanceof ApiError && error.problem.status === 401
          ? 'You are signed out.'
          : 'Sign-out could not reach the server, so your session may still be open there. Reload and sign out again once the connection is back; it also ends by itself after a period without use.',
      );
    }
  }, [signedOut]);

  const value = useMemo(() => ({ state, accept, signOut }), [state, accept, signOut]);
  return <SessionContext.Provider value={value}>{props.children}</SessionContext.Provider>;
}

/** What the sign-in screen adds when chart entries were not saved when the session ended. */
export function unsavedNotice(count: number): string {
  if (count === 0) return '';
  const entries = count === 1 ? '1 chart entry was' : `${String(count)} chart entries were`;
  return ` ${entries} not saved yet: this tab keeps ${count === 1 ? 'it' : 'them'}, and once you have signed in again as the same user and are back on the session's screen, ${count === 1 ? 'it is' : 'they are'} sent. Do not close or reload this tab. If someone else signs in here, ${count === 1 ? 'it is' : 'they are'} dropped.`;
}

export function useSessionApi(): SessionApi {
  const api = useContext(SessionContext);
  if (api === null) throw new Error('useSessionApi outside SessionProvider');
  return api;
}

export interface ReadySession {
  readonly info: SessionInfo;
  readonly clinic: ClinicMembership;
  readonly accept: (info: SessionInfo) => void;
  readonly signOut: () => Promise<void>;
}

/** The session of a signed-in user with an active clinic (screens behind sign-in use this). */
export function useReadySession(): ReadySession {
  const { state, accept, signOut } = useSessionApi();
  if (state.status !== 'signed-in' || state.info.activeClinic === null) {
    throw new Error('useReadySession before sign-in completed');
  }
  return { info: state.info, clinic: state.info.activeClinic, accept, signOut };
}
