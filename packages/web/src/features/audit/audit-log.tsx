/**
 * The audit log for admins: every recorded event of the active clinic, newest first, filtered by
 * patient, user and a range of days on the clinic's wall clock. The filter lives in the address
 * (?patientId=…&userId=…&fromDay=…&toDay=…) so a patient's record can link straight to its trail.
 */
import type { AuditEvent } from '@ketaflow/contract';
import { useEffect, useState, type SubmitEvent, type ReactNode } from 'react';
import { buildUrl } from '../../api/client.ts';
import { fieldMessages } from '../../api/problem.ts';
import { fieldLabel, formatInstant, patientName } from '../../app/format.ts';
import { navigate, useLocation } from '../../app/router.ts';
import { useReadySession } from '../../app/session.tsx';
import { useLoad } from '../../app/use-load.ts';
import { nextDay, startOfDay } from '../../app/zoned-time.ts';
import { ErrorAlert } from '../../components/alert.tsx';
import { SelectField, TextField } from '../../components/field.tsx';
import { Link } from '../../components/link.tsx';
import { Loading, Page } from '../../components/page.tsx';
import { Pager } from '../../components/pager.tsx';
import { getPatient } from '../patients/patient-api.ts';
import { listUsers } from '../users/user-api.ts';
import { listAuditEvents } from './audit-api.ts';

const PAGE_SIZE = 50;

interface Filter {
  readonly patientId: string;
  readonly userId: string;
  readonly fromDay: string;
  readonly toDay: string;
  readonly page: number;
}

function filterFrom(search: string): Filter {
  const params = new URLSearchParams(search);
  const page = Number(params.get('page') ?? '1');
  return {
    patientId: params.get('patientId') ?? '',
    userId: params.get('userId') ?? '',
    fromDay: params.get('fromDay') ?? '',
    toDay: params.get('toDay') ?? '',
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

const auditUrl = (f: Filter): string =>
  buildUrl('/audit', {
    patientId: f.patientId,
    userId: f.userId,
    fromDay: f.fromDay,
    toDay: f.toDay,
    page: f.page === 1 ? undefined : f.page,
  });

export function AuditLog(): ReactNode {
  const { clinic } = useReadySession();
  const { search } = useLocation();
  const filter = filterFrom(search);
  const [form, setForm] = useState(filter);
  // Back/forward changes the address: the inputs follow it.
  useEffect(() => {
    setForm(filterFrom(search));
  }, [search]);
  const from =
    filter.fromDay === ''
      ? undefined
      : (startOfDay(filter.fromDay, clinic.timeZone) ?? filter.fromDay);
  const to =
    filter.toDay === ''
      ? undefined
      : (startOfDay(nextDay(filter.toDay), clinic.timeZone) ?? filter.toDay);
  const { state } = useLoad(
    (signal) =>
      listAuditEvents(
        {
          ...(filter.patientId === '' ? {} : { patientId: filter.patientId }),
          ...(filter.userId === '' ? {} : { userId: filter.userId }),
          ...(from === undefined ? {} : { from }),
          ...(to === undefined ? {} : { to }),
          page: filter.page,
          pageSize: PAGE_SIZE,
        },
        signal,
      ),
    [filter.patientId, filter.userId, from, to, filter.page],
  );
  const users = useLoad((signal) => listUsers(1, 100, signal), []);
  const errors = state.status === 'failed' ? fieldMessages(state.problem) : {};

  const onFilter = (event: SubmitEvent): void => {
    event.preventDefault();
    navigate(auditUrl({ ...form, page: 1 }));
  };

  return (
    <Page title="Audit log">
      <form className="search panel" role="search" aria-label="Audit log" onSubmit={onFilter}>
        {filter.patientId === '' ? null : <PatientFilter id={filter.patientId} filter={filter} />}
        <SelectField
          markOptional={false}
          name="userId"
          label="User"
          value={form.userId}
          onChange={(userId) => {
            setForm({ ...form, userId });
          }}
          error={errors['query.userId']}
          options={[
            { value: '', label: 'Any user' },
            ...(users.state.status === 'ok'
              ? users.state.data.items.map((u) => ({
                  value: u.id,
                  label: `${u.displayName} (${u.role})`,
                }))
              : []),
          ]}
        />
        <TextField
          markOptional={false}
          name="fromDay"
          label="From day"
          hint={`Clinic time (${clinic.timeZone})`}
          type="date"
          width="short"
          value={form.fromDay}
          onChange={(fromDay) => {
            setForm({ ...form, fromDay });
          }}
          error={errors['query.from']}
        />
        <TextField
          markOptional={false}
          name="toDay"
          label="To day (inclusive)"
          hint={`Clinic time (${clinic.timeZone})`}
          type="date"
          width="short"
          value={form.toDay}
          onChange={(toDay) => {
            setForm({ ...form, toDay });
          }}
          error={errors['query.to']}
        />
        <div className="form-actions">
          <button type="submit" className="button button-primary">
            Apply filter
          </button>
        </div>
      </form>
      {state.status === 'loading' ? <Loading what="audit events" /> : null}
      {state.status === 'failed' ? <ErrorAlert problem={state.problem} /> : null}
      {state.status === 'ok' ? (
        <>
          <EventTable events={state.data.items} timeZone={clinic.timeZone} />
          <Pager
            page={state.data.page}
            pageSize={state.data.pageSize}
            total={state.data.total}
            label="Audit log"
            onPage={(page) => {
              navigate(auditUrl({ ...filter, page }));
            }}
          />
        </>
      ) : null}
    </Page>
  );
}

function PatientFilter(props: { readonly id: string; readonly filter: Filter }): ReactNode {
  const patient = useLoad((signal) => getPatient(props.id, signal), [props.id]);
  const label =
    patient.state.status === 'ok'
      ? `${patientName(patient.state.data)} (MRN ${patient.state.data.mrn})`
      : props.id;
  return (
    <p className="filter-chip">
      Patient: <strong>{label}</strong>{' '}
      <Link to={auditUrl({ ...props.filter, patientId: '', page: 1 })}>Show all patients</Link>
    </p>
  );
}

/** Non-PHI facts of an event as short text: changed field names, counts, codes. */
export function describeDetail(detail: Readonly<Record<string, unknown>>): string {
  return Object.entries(detail)
    .map(([key, value]) => {
      if (Array.isArray(value)) {
        const items = value.map((v) =>
          key.toLowerCase().includes('field') ? fieldLabel(String(v)) : String(v),
        );
        return `${key}: ${items.join(', ')}`;
      }
      if (value !== null && typeof value === 'object') return `${key}: ${JSON.stringify(value)}`;
      return `${key}: ${String(value)}`;
    })
    .join('; ');
}

function EventTable(props: {
  readonly events: readonly AuditEvent[];
  readonly timeZone: string;
}): ReactNode {
  if (props.events.length === 0) {
    return <p className="panel empty">No events match this filter.</p>;
  }
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">User</th>
            <th scope="col">Action</th>
            <th scope="col">Outcome</th>
            <th scope="col">Patient</th>
            <th scope="col">Resource</th>
            <th scope="col">Source IP</th>
            <th scope="col">Detail</th>
          </tr>
        </thead>
        <tbody>
          {props.events.map((e) => (
            <tr key={`${String(e.chain)}-${String(e.seq)}`}>
              <td className="num nowrap">{formatInstant(e.occurredAt, props.timeZone)}</td>
              <td>
                {e.userName ?? <span className="muted">anonymous</span>}
                {e.role === null ? null : <span className="muted"> · {e.role}</span>}
              </td>
              <td>
                <code>{e.action}</code>
              </td>
              <td className={e.outcome === 'success' ? undefined : 'outcome-bad'}>{e.outcome}</td>
              <td className="nowrap">
                {e.patientId === null ? (
                  <span className="muted">—</span>
                ) : (
                  <Link to={`/patients/${e.patientId}`}>Open record</Link>
                )}
              </td>
              <td>{e.resourceType}</td>
              <td className="num">{e.sourceIp ?? <span className="muted">—</span>}</td>
              <td className="detail">{describeDetail(e.detail)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
