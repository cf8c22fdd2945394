/** One patient's record: current demographics and the change history (who, when, what, why). */
import type { Patient, PatientHistoryPage } from '@ketaflow/contract';
import { useState, type ReactNode } from 'react';
import { fieldLabel, formatInstant, patientName, SEX_LABELS } from '../../app/format.ts';
import { canSeeAudit } from '../../app/permissions.ts';
import { useLocation } from '../../app/router.ts';
import { useReadySession } from '../../app/session.tsx';
import { useLoad } from '../../app/use-load.ts';
import { ErrorAlert, StatusMessage } from '../../components/alert.tsx';
import { Link } from '../../components/link.tsx';
import { Loading, Page } from '../../components/page.tsx';
import { Pager } from '../../components/pager.tsx';
import { canSeeOutcomes } from '../outcomes/access.ts';
import { canSeeFloor } from '../sessions/floor-access.ts';
import { getPatient, patientHistory } from './patient-api.ts';

const SAVED_MESSAGES: Readonly<Record<string, string>> = {
  created: 'Patient registered.',
  updated: 'Changes saved.',
};

export function PatientRecordPage(props: { readonly id: string }): ReactNode {
  const { clinic } = useReadySession();
  const { search } = useLocation();
  const saved = new URLSearchParams(search).get('saved');
  const { state } = useLoad((signal) => getPatient(props.id, signal), [props.id]);
  if (state.status === 'loading') return <Loading what="the patient record" />;
  if (state.status === 'failed') {
    return (
      <Page title="Patient not available">
        <ErrorAlert problem={state.problem} />
        <Link to="/patients">Back to the patient list</Link>
      </Page>
    );
  }
  const patient = state.data;
  return (
    <Page
      title={patientName(patient)}
      actions={
        <>
          {canSeeAudit(clinic.role) ? (
            <Link to={`/audit?patientId=${patient.id}`} className="button">
              Audit trail
            </Link>
          ) : null}
          {canSeeOutcomes(clinic.role) ? (
            <Link to={`/patients/${patient.id}/outcomes`} className="button">
              Outcomes
            </Link>
          ) : null}
          <Link to={`/patients/${patient.id}/edit`} className="button button-primary">
            Edit demographics
          </Link>
        </>
      }
    >
      <StatusMessage message={saved === null ? null : (SAVED_MESSAGES[saved] ?? null)} />
      {canSeeFloor(clinic.role) ? <ClinicalLinks id={patient.id} /> : null}
      <Demographics patient={patient} />
      <History id={patient.id} version={patient.version} />
    </Page>
  );
}

/** The clinic-floor pages of this patient (issue 4), in the order of the clinical path. */
function ClinicalLinks(props: { readonly id: string }): ReactNode {
  const base = `/patients/${props.id}`;
  return (
    <nav className="panel" aria-label="Clinical record">
      <ul className="link-row">
        <li>
          <Link to={`${base}/intake`}>Intake</Link>
        </li>
        <li>
          <Link to={`${base}/screening`}>Eligibility screening</Link>
        </li>
        <li>
          <Link to={`${base}/consent`}>Informed consent</Link>
        </li>
        <li>
          <Link to={`${base}/courses`}>Treatment courses and orders</Link>
        </li>
        <li>
          <Link to="/board">Infusion sessions (chair board)</Link>
        </li>
      </ul>
    </nav>
  );
}

const dash = <span className="muted">—</span>;

function Demographics(props: { readonly patient: Patient }): ReactNode {
  const p = props.patient;
  return (
    <section className="panel" aria-labelledby="demographics-heading">
      <h2 id="demographics-heading">Demographics</h2>
      <dl className="facts">
        <dt>MRN</dt>
        <dd className="num">{p.mrn}</dd>
        <dt>Legal name</dt>
        <dd>
          {p.legalGivenName} {p.legalFamilyName}
        </dd>
        <dt>Preferred name</dt>
        <dd>{p.preferredName ?? dash}</dd>
        <dt>Date of birth</dt>
        <dd className="num">{p.dateOfBirth}</dd>
        <dt>Sex assigned at birth</dt>
        <dd>{SEX_LABELS[p.sexAtBirth] ?? p.sexAtBirth}</dd>
        <dt>Gender identity</dt>
        <dd>{p.genderIdentity ?? dash}</dd>
        <dt>Phone</dt>
        <dd className="num">{p.phone ?? dash}</dd>
        <dt>Email</dt>
        <dd>{p.email ?? dash}</dd>
        <dt>Address</dt>
        <dd>
          {p.address === null
            ? dash
            : [
                p.address.line1,
                p.address.line2,
                `${p.address.city}, ${p.address.state} ${p.address.postalCode}`,
              ]
                .filter((x) => x !== undefined)
                .join(', ')}
        </dd>
        <dt>Emergency contact</dt>
        <dd>
          {p.emergencyContact === null
            ? dash
            : `${p.emergencyContact.name} (${p.emergencyContact.relationship}), ${p.emergencyContact.phone}`}
        </dd>
        <dt>Record version</dt>
        <dd className="num">{p.version}</dd>
      </dl>
    </section>
  );
}

function History(props: { readonly id: string; readonly version: number }): ReactNode {
  const { clinic } = useReadySession();
  const [page, setPage] = useState(1);
  const { state } = useLoad(
    (signal) => patientHistory(props.id, page, signal),
    [props.id, props.version, page],
  );
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">Change history</h2>
      {state.status === 'loading' ? <Loading what="the change history" /> : null}
      {state.status === 'failed' ? <ErrorAlert problem={state.problem} /> : null}
      {state.status === 'ok' ? (
        <HistoryTable history={state.data} timeZone={clinic.timeZone} onPage={setPage} />
      ) : null}
    </section>
  );
}

function HistoryTable(props: {
  readonly history: PatientHistoryPage;
  readonly timeZone: string;
  readonly onPage: (page: number) => void;
}): ReactNode {
  const { items, page, pageSize, total } = props.history;
  return (
    <>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Fields</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {items.map((v) => (
              <tr key={v.version}>
                <td className="num">{v.version}</td>
                <td className="num nowrap">{formatInstant(v.changedAt, props.timeZone)}</td>
                <td>{v.changedByName ?? v.changedBy}</td>
                <td>
                  {v.changedFields.map((f) => (
                    <span className="tag" key={f}>
                      {fieldLabel(f)}
                    </span>
                  ))}
                </td>
                <td>{v.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {total > pageSize ? (
        <Pager
          page={page}
          pageSize={pageSize}
          total={total}
          label="Change history"
          onPage={props.onPage}
        />
      ) : null}
    </>
  );
}
