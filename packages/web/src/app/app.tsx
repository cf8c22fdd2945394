/**
 * The app's top level: the sign-in steps the server still requires (in the order it says), then the
 * signed-in screens by route.
 */
import type { ReactNode } from 'react';
import { AuditLog } from '../features/audit/audit-log.tsx';
import { AuthenticatorPage } from '../features/auth/authenticator-page.tsx';
import { MfaEnrol } from '../features/auth/mfa-enrol.tsx';
import { MfaVerify } from '../features/auth/mfa-verify.tsx';
import { PasswordChange } from '../features/auth/password-change.tsx';
import { SignIn } from '../features/auth/sign-in.tsx';
import { ClinicSelect } from '../features/clinics/clinic-select.tsx';
import { PatientEdit, PatientNew } from '../features/patients/patient-form.tsx';
import { PatientList } from '../features/patients/patient-list.tsx';
import { PatientRecordPage } from '../features/patients/patient-record.tsx';
import { UserManagement } from '../features/users/user-management.tsx';
import { FloorScreen } from '../features/sessions/floor-screens.tsx';
// --- portal, public pages and questionnaires (issue 5) ---
import { PortalHome } from '../features/portal/portal-home.tsx';
import { publicPageFor } from '../features/public/public-pages.tsx';
import { ReferralQueue, canSeeReferrals } from '../features/public/referral-queue.tsx';
import { CareAlerts, canSeeAlerts } from '../features/questionnaires/care-alerts.tsx';
import {
  ScheduleEditorPage,
  canEditSchedule,
  canSeeSchedule,
} from '../features/questionnaires/schedule-editor.tsx';
// --- end portal ---
import { AnalyticsPage } from '../features/analytics/analytics-page.tsx';
import { canExportResearch, canSeeAnalytics, canSeeOutcomes } from '../features/outcomes/access.ts';
import { OutcomesPage } from '../features/outcomes/outcomes-page.tsx';
import { ResearchExportPage } from '../features/research/research-export-page.tsx';
import { Link } from '../components/link.tsx';
import { Loading, Page } from '../components/page.tsx';
import { Layout } from './layout.tsx';
import { canManageUsers, canSeeAudit, canSeePatients } from './permissions.ts';
import { matchRoute, useLocation, type Route } from './router.ts';
import { SessionProvider, useReadySession, useSessionApi } from './session.tsx';

export function App(): ReactNode {
  // Public pages (about, referral form, portal invitation) need no session (issue 5).
  const publicPage = publicPageFor(window.location.pathname);
  if (publicPage !== null) return publicPage;
  return (
    <SessionProvider>
      <Gate />
    </SessionProvider>
  );
}

function Gate(): ReactNode {
  const { state } = useSessionApi();
  if (state.status === 'loading') {
    return (
      <main id="main" className="auth">
        <Loading what="Ketaflow" />
      </main>
    );
  }
  if (state.status === 'signed-out') return <SignIn notice={state.reason} />;
  const { info } = state;
  switch (info.next) {
    case 'mfa-verify':
      return <MfaVerify />;
    case 'password-change':
      return <PasswordChange />;
    case 'mfa-enrol':
      return <MfaEnrol />;
    case 'clinic-select':
      return <ClinicSelect clinics={info.clinics} />;
    case 'ready':
      return info.activeClinic === null ? <ClinicSelect clinics={info.clinics} /> : <Screens />;
  }
}

function Screens(): ReactNode {
  const { path } = useLocation();
  const route = matchRoute(path);
  return (
    <Layout route={route}>
      <Screen route={route} />
    </Layout>
  );
}

function Screen(props: { readonly route: Route }): ReactNode {
  const { clinic } = useReadySession();
  const { route } = props;
  const role = clinic.role;
  // Every account may set up an authenticator app (the header offers it until there is one).
  if (route.name === 'authenticator') return <AuthenticatorPage />;
  // A patient account has only the portal (issue 5).
  if (role === 'patient') return <PortalHome />;
  switch (route.name) {
    case 'home':
      // Each role starts where its work is: researchers have analytics, not patient records.
      if (canSeePatients(role)) return <PatientList />;
      return canSeeAnalytics(role) ? <AnalyticsPage /> : <NoAccess />;
    case 'patients':
      return canSeePatients(role) ? <PatientList /> : <NoAccess />;
    case 'patient-new':
      return canSeePatients(role) ? <PatientNew /> : <NoAccess />;
    case 'patient':
      return canSeePatients(role) ? <PatientRecordPage id={route.id} /> : <NoAccess />;
    case 'patient-edit':
      return canSeePatients(role) ? <PatientEdit id={route.id} /> : <NoAccess />;
    case 'audit':
      return canSeeAudit(role) ? <AuditLog /> : <NoAccess />;
    case 'users':
      return canManageUsers(role) ? <UserManagement /> : <NoAccess />;
    case 'patient-courses':
    case 'screening':
    case 'course':
    case 'order':
    case 'session':
    case 'board':
    case 'ledger':
    case 'intake':
    case 'consent':
    case 'session-summary':
      return <FloorScreen route={route} role={role} noAccess={<NoAccess />} />;
    case 'referrals':
      return canSeeReferrals(role) ? (
        <ReferralQueue canWork={role === 'coordinator' || role === 'nurse'} />
      ) : (
        <NoAccess />
      );
    case 'alerts':
      return canSeeAlerts(role) ? <CareAlerts /> : <NoAccess />;
    case 'course-questionnaires':
      return canSeeSchedule(role) ? (
        <ScheduleEditorPage courseId={route.id} canEdit={canEditSchedule(role)} />
      ) : (
        <NoAccess />
      );
    case 'patient-outcomes':
      return canSeeOutcomes(role) ? <OutcomesPage id={route.id} /> : <NoAccess />;
    case 'analytics':
      return canSeeAnalytics(role) ? <AnalyticsPage /> : <NoAccess />;
    case 'research-export':
      return canExportResearch(role) ? <ResearchExportPage /> : <NoAccess />;
    case 'not-found':
      return (
        <Page title="Page not found">
          <p>
            There is no page at this address. <Link to="/patients">Go to the patient list</Link>.
          </p>
        </Page>
      );
  }
}

function NoAccess(): ReactNode {
  const { clinic } = useReadySession();
  return (
    <Page title="Not available for your role">
      <p>
        Your role in {clinic.name} ({clinic.role}) does not include this page. If you need it, ask a
        clinic administrator.
      </p>
    </Page>
  );
}
