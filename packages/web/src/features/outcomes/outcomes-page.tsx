/**
 * A patient's outcome page (prescribers; nurses see the opioid part): everything core computed
 * between infusions, each chart with a table of the same values beside it, then opioid use over
 * time. The server enforces who may read what; this page only leaves out what the role cannot load.
 */
import type { ReactNode } from 'react';
import { patientName } from '../../app/format.ts';
import { useReadySession } from '../../app/session.tsx';
import { useLoad } from '../../app/use-load.ts';
import { ErrorAlert } from '../../components/alert.tsx';
import { Link } from '../../components/link.tsx';
import { Loading, Page } from '../../components/page.tsx';
import { getPatient } from '../patients/patient-api.ts';
import { OpioidSection } from './opioid-section.tsx';
import {
  BoosterSuggestion,
  ExposureAndMonitoring,
  OutcomeSummary,
  PainTrajectory,
  RapidOnsetTable,
} from './outcome-sections.tsx';
import { getOutcomes } from './outcomes-api.ts';

export function OutcomesPage(props: { readonly id: string }): ReactNode {
  const { state } = useLoad((signal) => getPatient(props.id, signal), [props.id]);
  if (state.status === 'loading') return <Loading what="the patient" />;
  if (state.status === 'failed') {
    return (
      <Page title="Outcomes not available">
        <ErrorAlert problem={state.problem} />
        <Link to="/patients">Back to the patient list</Link>
      </Page>
    );
  }
  return (
    <Page
      title={`Outcomes: ${patientName(state.data)}`}
      actions={
        <Link to={`/patients/${props.id}`} className="button">
          Patient record
        </Link>
      }
    >
      <OutcomesBody patientId={props.id} />
    </Page>
  );
}

function OutcomesBody(props: { readonly patientId: string }): ReactNode {
  const { clinic } = useReadySession();
  if (clinic.role !== 'prescriber') {
    return (
      <>
        <p className="muted">
          Pain outcomes, responder status and booster suggestions are shown to prescribers.
        </p>
        <OpioidSection patientId={props.patientId} firstInfusion={null} today={null} />
      </>
    );
  }
  return <PrescriberOutcomes patientId={props.patientId} />;
}

function PrescriberOutcomes(props: { readonly patientId: string }): ReactNode {
  const { state } = useLoad((signal) => getOutcomes(props.patientId, signal), [props.patientId]);
  if (state.status === 'loading') return <Loading what="the outcomes" />;
  if (state.status === 'failed') return <ErrorAlert problem={state.problem} />;
  const answer = state.data;
  if (answer.status === 'no-infusions') {
    return (
      <>
        <p className="empty">
          No infusion has been given yet: outcomes are measured from the first infusion.
        </p>
        <OpioidSection patientId={props.patientId} firstInfusion={null} today={null} />
      </>
    );
  }
  const o = answer.outcomes;
  return (
    <>
      <p className="muted">
        From {answer.sources.sessions} infusions, {answer.sources.diaryReadings} diary readings and{' '}
        {answer.sources.pgicAnswers} PGIC answers.
      </p>
      <OutcomeSummary outcomes={o} />
      <BoosterSuggestion outcomes={o} />
      <PainTrajectory outcomes={o} />
      <RapidOnsetTable outcomes={o} />
      <ExposureAndMonitoring outcomes={o} />
      <OpioidSection patientId={props.patientId} firstInfusion={o.firstInfusion} today={o.today} />
    </>
  );
}
