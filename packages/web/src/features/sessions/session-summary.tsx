/**
 * The printable session summary for the record: patient, protocol id@version, the signed order and
 * pump settings, the double check, state changes, the rate timeline, vitals, scores, adverse events
 * with rescue medication, alarms with their acknowledgements, the discharge score, and the
 * controlled-substance ledger of the session (draw, administered, waste with its witness). Print styles
 * (floor.css, @media print) drop the navigation and buttons. Everything shown is stored server data.
 */
import type { ChartData, InfusionSession, Order, Patient, SessionRecord } from '@ketaflow/contract';
import type { ReactNode } from 'react';
import { formatInstant, patientName } from '../../app/format.ts';
import { useReadySession } from '../../app/session.tsx';
import { useLoad } from '../../app/use-load.ts';
import { ErrorAlert } from '../../components/alert.tsx';
import { Link } from '../../components/link.tsx';
import { Loading, Page } from '../../components/page.tsx';
import { getOrder } from '../courses/course-api.ts';
import { getPatient } from '../patients/patient-api.ts';
import './floor.css';
import { getChart, getSession, getSessionRecord } from './session-api.ts';
import { LedgerTable } from './summary-ledger.tsx';
import { SummaryTable } from './summary-table.tsx';
import { adverseEvents, alarmRows, rateTimeline, scoreRows, vitalsRows } from './summary-model.ts';
import { VITAL_FIELDS } from './vitals.ts';

interface SummaryData {
  readonly session: InfusionSession;
  readonly chart: ChartData;
  readonly order: Order;
  readonly patient: Patient;
  readonly record: SessionRecord;
}

export function SessionSummary(props: { readonly id: string }): ReactNode {
  const { state } = useLoad(
    async (signal): Promise<SummaryData> => {
      const [session, chart, record] = await Promise.all([
        getSession(props.id, signal),
        getChart(props.id, signal),
        getSessionRecord(props.id, signal),
      ]);
      const [order, patient] = await Promise.all([
        getOrder(session.order.id, signal),
        getPatient(session.patientId, signal),
      ]);
      return { session, chart, order, patient, record };
    },
    [props.id],
  );
  if (state.status === 'loading') return <Loading what="the session summary" />;
  if (state.status === 'failed') {
    return (
      <Page title="Session summary not available">
        <ErrorAlert problem={state.problem} />
      </Page>
    );
  }
  return <Summary data={state.data} />;
}

function Summary(props: { readonly data: SummaryData }): ReactNode {
  const { clinic } = useReadySession();
  const { session, chart, order, patient, record } = props.data;
  const at = (iso: string): string => formatInstant(iso, clinic.timeZone);
  const who = (id: string): string => record.people[id] ?? id;
  const discharge = record.transitions.find((t) => t.event === 'discharge');
  return (
    <Page
      title={`Session summary · ${patientName(patient)}`}
      actions={
        <>
          <Link to={`/sessions/${session.id}`} className="button">
            Back to the session
          </Link>
          <button
            type="button"
            className="button button-primary"
            onClick={() => {
              window.print();
            }}
          >
            Print
          </button>
        </>
      }
    >
      <div className="session-summary">
        <section className="panel" aria-labelledby="summary-patient-heading">
          <h2 id="summary-patient-heading">Patient, protocol and order</h2>
          <dl className="facts">
            <dt>Patient</dt>
            <dd>
              {patientName(patient)} · MRN <span className="num">{patient.mrn}</span> · born{' '}
              <span className="num">{patient.dateOfBirth}</span>
            </dd>
            <dt>Protocol</dt>
            <dd className="num">
              {order.protocol.id}@{order.protocol.version} (drug library {order.drugLibrary.id}@
              {order.drugLibrary.version})
            </dd>
            <dt>Order</dt>
            <dd className="num">
              Session {order.sessionNumber}, version {order.version}, signed {at(order.signedAt)}:{' '}
              {order.doseDelivered} {order.doseBasis} for {order.weightKg} kg
            </dd>
            <dt>Pump settings</dt>
            <dd className="num">
              {order.concentrationMgPerMl} mg/mL · {order.rateMgPerH} mg/h · {order.rateMlPerH} mL/h
              · {order.sessionDoseMg} mg in {order.volumeMl} mL over {order.durationMin} min
            </dd>
            <dt>Double check</dt>
            <dd>
              {session.doubleCheck.complete
                ? `Independent double check agreed (round ${String(session.doubleCheck.round)})`
                : 'Not completed'}
              {record.doubleCheck.length === 0 ? null : (
                <ul>
                  {record.doubleCheck.map((c) => (
                    <li key={`${String(c.round)}-${String(c.ordinal)}`} className="num">
                      Round {c.round}, {c.ordinal === 1 ? 'first' : 'second'} entry by{' '}
                      {who(c.enteredBy)} at {at(c.enteredAt)}: {c.concentrationMgPerMl} mg/mL,{' '}
                      {c.rateMlPerH} mL/h
                    </li>
                  ))}
                </ul>
              )}
            </dd>
            <dt>Drug given</dt>
            <dd className="num">
              {chart.cumulative.administeredMg} mg over {chart.cumulative.runningMin} min running
            </dd>
            <dt>Final state</dt>
            <dd>{session.state}</dd>
            <dt>Discharge score</dt>
            <dd className="num">
              {discharge?.dischargeTotal == null
                ? 'Not discharged'
                : `Modified Aldrete ${String(discharge.dischargeTotal)} at ${at(discharge.occurredAt)} by ${who(discharge.recordedBy)}`}
            </dd>
          </dl>
        </section>
        <SummaryTable
          id="summary-states"
          title="State changes"
          columns={['Time', 'Event', 'From → to', 'By']}
          rows={record.transitions.map((t) => [
            at(t.occurredAt),
            t.reason === null ? t.event : `${t.event}: ${t.reason}`,
            `${t.from} → ${t.to}`,
            who(t.recordedBy),
          ])}
        />
        <SummaryTable
          id="summary-rates"
          title="Rate timeline"
          columns={['Time', 'mg/h', 'mL/h', 'Why']}
          rows={rateTimeline(chart, order).map((r) => [at(r.at), r.mgPerH, r.mlPerH, r.why])}
        />
        <SummaryTable
          id="summary-vitals"
          title="Vitals"
          columns={['Time', ...VITAL_FIELDS.map((f) => f.label)]}
          rows={vitalsRows(chart).map((r) => [
            at(r.at),
            ...VITAL_FIELDS.map((f) => {
              const value = r.values[f.key];
              return value === undefined ? '—' : String(value);
            }),
          ])}
        />
        <SummaryTable
          id="summary-scores"
          title="Sedation, dissociation and pain"
          columns={['Time', 'Score']}
          rows={scoreRows(chart).map((r) => [at(r.at), r.text])}
        />
        <SummaryTable
          id="summary-adverse"
          title="Adverse events and rescue medication"
          columns={['Time', 'Event and action', 'Rescue medication']}
          rows={adverseEvents(chart, clinic.timeZone).map((r) => [
            at(r.at),
            r.text,
            r.rescue.length === 0 ? 'None' : r.rescue.join('; '),
          ])}
        />
        <SummaryTable
          id="summary-alarms"
          title="Alarms and acknowledgements"
          columns={['Time', 'Alarm', 'Acknowledged']}
          rows={alarmRows(chart).map((r) => [
            at(r.at),
            r.text,
            r.acks.length === 0
              ? 'Not acknowledged'
              : r.acks.map((a) => `${at(a.at)}: ${a.action}`).join('; '),
          ])}
        />
        <LedgerTable ledger={record.ledger} who={who} at={at} />
      </div>
    </Page>
  );
}
