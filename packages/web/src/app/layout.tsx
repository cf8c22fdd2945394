/**
 * The frame of every signed-in page: skip link, header with navigation, the clinic switcher (always
 * visible), the account links (set up an authenticator app), who is signed in and sign-out; then the
 * page in <main>. Above it all, while the server
 * cannot be reached, the unreachable banner.
 */
import type { ReactNode } from 'react';
import { accountLinks, AUTHENTICATOR_PATH } from '../features/auth/account-links.ts';
import { ClinicSwitcher } from '../features/clinics/clinic-select.tsx';
import { canSeeAlerts } from '../features/questionnaires/care-alerts.tsx';
import { canSeeReferrals } from '../features/public/referral-queue.tsx';
import { canExportResearch, canSeeAnalytics } from '../features/outcomes/access.ts';
import { Link } from '../components/link.tsx';
import { UnreachableBanner } from '../components/unreachable-banner.tsx';
import { canManageUsers, canSeeAudit, canSeePatients } from './permissions.ts';
import { canSeeFloor, canSeeLedger } from '../features/sessions/floor-access.ts';
import type { Route } from './router.ts';
import { heldEntryCount } from '../features/sessions/outbox-store.ts';
import { useReadySession } from './session.tsx';

/** True when chart entries are not saved yet and the user chose to stay rather than lose them. */
function signingOutLosesEntries(): boolean {
  const count = heldEntryCount();
  if (count === 0) return false;
  const entries = count === 1 ? '1 chart entry is' : `${String(count)} chart entries are`;
  return !window.confirm(
    `${entries} not saved yet. Sign out and lose ${count === 1 ? 'it' : 'them'}?`,
  );
}

export function Layout(props: { readonly route: Route; readonly children: ReactNode }): ReactNode {
  const { info, clinic, signOut } = useReadySession();
  const section = props.route.name;
  const items = [
    canSeePatients(clinic.role)
      ? {
          to: '/patients',
          label: 'Patients',
          current: section.startsWith('patient') || section === 'home',
        }
      : null,
    // --- clinic floor (issue 4) ---
    canSeeFloor(clinic.role)
      ? {
          to: '/board',
          label: 'Chair board',
          current: section === 'board' || section === 'session',
        }
      : null,
    canSeeLedger(clinic.role)
      ? { to: '/ledger', label: 'Ledger', current: section === 'ledger' }
      : null,
    // --- end clinic floor ---
    canSeeAlerts(clinic.role)
      ? { to: '/alerts', label: 'Urgent alerts', current: section === 'alerts' }
      : null,
    canSeeReferrals(clinic.role)
      ? { to: '/referrals', label: 'Referrals', current: section === 'referrals' }
      : null,
    canSeeAnalytics(clinic.role)
      ? { to: '/analytics', label: 'Analytics', current: section === 'analytics' }
      : null,
    canExportResearch(clinic.role)
      ? { to: '/research', label: 'Research export', current: section === 'research-export' }
      : null,
    canSeeAudit(clinic.role)
      ? { to: '/audit', label: 'Audit log', current: section === 'audit' }
      : null,
    canManageUsers(clinic.role)
      ? { to: '/users', label: 'Users', current: section === 'users' }
      : null,
  ].filter((x) => x !== null);
  const account = accountLinks(info);
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <UnreachableBanner timeZone={clinic.timeZone} />
      <header className="app-header">
        <Link to="/patients" className="brand">
          Ketaflow
        </Link>
        <nav className="main-nav" aria-label="Main">
          <ul>
            {items.map((item) => (
              <li key={item.to}>
                <Link to={item.to} current={item.current}>
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="header-right">
          <ClinicSwitcher active={clinic} clinics={info.clinics} />
          {account.length === 0 ? null : (
            <nav className="account-nav" aria-label="Account">
              {account.map((link) => (
                <Link
                  key={link.to}
                  to={link.to}
                  current={link.to === AUTHENTICATOR_PATH && section === 'authenticator'}
                >
                  {link.label}
                </Link>
              ))}
            </nav>
          )}
          <span className="who">
            {info.user.displayName} · {clinic.role}
          </span>
          <button
            type="button"
            className="link-button"
            onClick={() => {
              if (signingOutLosesEntries()) return;
              void signOut();
            }}
          >
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {props.children}
      </main>
    </>
  );
}
