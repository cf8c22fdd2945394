/**
 * The clinic-floor screens (issue 4) by route, with the role check of each. The server enforces
 * every permission itself; this only avoids showing a screen the role cannot use.
 */
import type { RoleName } from '@ketaflow/contract';
import type { ReactNode } from 'react';
import type { Route } from '../../app/router.ts';
import { CoursePage } from '../courses/course-page.tsx';
import { OrderPage } from '../courses/order-page.tsx';
import { PatientCourses } from '../courses/patient-courses.tsx';
import { ChairBoard } from '../board/chair-board.tsx';
import { ConsentPage } from '../consent/consent-page.tsx';
import { IntakePage } from '../intake/intake-page.tsx';
import { LedgerPage } from '../ledger/ledger-page.tsx';
import { canSeeFloor, canSeeLedger } from './floor-access.ts';
import { ScreeningReview } from '../screening/screening-review.tsx';
import { SessionPage } from './session-page.tsx';
import { SessionSummary } from './session-summary.tsx';

/** The routes this file renders (the app's router owns the rest). */
export type FloorRoute = Extract<
  Route,
  {
    name:
      | 'patient-courses'
      | 'screening'
      | 'course'
      | 'order'
      | 'session'
      | 'board'
      | 'ledger'
      | 'intake'
      | 'consent'
      | 'session-summary';
  }
>;

export function FloorScreen(props: {
  readonly route: FloorRoute;
  readonly role: RoleName;
  readonly noAccess: ReactNode;
}): ReactNode {
  const { route, role } = props;
  const clinical = canSeeFloor(role);
  switch (route.name) {
    case 'patient-courses':
      return clinical ? <PatientCourses patientId={route.id} /> : props.noAccess;
    case 'screening':
      return clinical ? <ScreeningReview patientId={route.id} /> : props.noAccess;
    case 'course':
      return clinical ? <CoursePage id={route.id} /> : props.noAccess;
    case 'order':
      return clinical ? <OrderPage id={route.id} /> : props.noAccess;
    case 'session':
      return clinical ? <SessionPage id={route.id} /> : props.noAccess;
    case 'board':
      return clinical ? <ChairBoard /> : props.noAccess;
    case 'ledger':
      return canSeeLedger(role) ? <LedgerPage /> : props.noAccess;
    case 'intake':
      return clinical ? <IntakePage patientId={route.id} /> : props.noAccess;
    case 'consent':
      return clinical ? <ConsentPage patientId={route.id} /> : props.noAccess;
    case 'session-summary':
      return clinical ? <SessionSummary id={route.id} /> : props.noAccess;
  }
}
