/**
 * The patient list: search by name, date of birth and MRN (every filter given must match), paged by
 * the server. The search lives in the address (?name=…&page=2) so back, reload and bookmarks keep it.
 */
import type { PatientPage } from '@ketaflow/contract';
import { useEffect, useState, type SubmitEvent, type ReactNode } from 'react';
import { buildUrl } from '../../api/client.ts';
import { patientName, SEX_LABELS } from '../../app/format.ts';
import { navigate, useLocation } from '../../app/router.ts';
import { useLoad } from '../../app/use-load.ts';
import { ErrorAlert, StatusMessage } from '../../components/alert.tsx';
import { TextField } from '../../components/field.tsx';
import { Link } from '../../components/link.tsx';
import { Loading, Page } from '../../components/page.tsx';
import { Pager } from '../../components/pager.tsx';
import { fieldMessages } from '../../api/problem.ts';
import { searchPatients } from './patient-api.ts';

const PAGE_SIZE = 25;

interface Criteria {
  readonly name: string;
  readonly dateOfBirth: string;
  readonly mrn: string;
  readonly page: number;
}

function criteriaFrom(search: string): Criteria {
  const params = new URLSearchParams(search);
  const page = Number(params.get('page') ?? '1');
  return {
    name: params.get('name') ?? '',
    dateOfBirth: params.get('dateOfBirth') ?? '',
    mrn: params.get('mrn') ?? '',
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

function listUrl(c: Criteria): string {
  return buildUrl('/patients', {
    name: c.name,
    dateOfBirth: c.dateOfBirth,
    mrn: c.mrn,
    page: c.page === 1 ? undefined : c.page,
  });
}

export function PatientList(): ReactNode {
  const { search } = useLocation();
  const criteria = criteriaFrom(search);
  const [form, setForm] = useState(criteria);
  // Back/forward changes the address: the inputs follow it.
  useEffect(() => {
    setForm(criteriaFrom(search));
  }, [search]);
  const { state } = useLoad(
    (signal) =>
      searchPatients(
        {
          ...(criteria.name === '' ? {} : { name: criteria.name }),
          ...(criteria.dateOfBirth === '' ? {} : { dateOfBirth: criteria.dateOfBirth }),
          ...(criteria.mrn === '' ? {} : { mrn: criteria.mrn }),
          page: criteria.page,
          pageSize: PAGE_SIZE,
        },
        signal,
      ),
    [criteria.name, criteria.dateOfBirth, criteria.mrn, criteria.page],
  );
  const searching = criteria.name !== '' || criteria.dateOfBirth !== '' || criteria.mrn !== '';
  const errors = state.status === 'failed' ? fieldMessages(state.problem) : {};

  const onSearch = (event: SubmitEvent): void => {
    event.preventDefault();
    navigate(listUrl({ ...form, page: 1 }));
  };
  const onClear = (): void => {
    const empty = { name: '', dateOfBirth: '', mrn: '', page: 1 };
    setForm(empty);
    navigate(listUrl(empty));
  };

  return (
    <Page
      title="Patients"
      actions={
        <Link to="/patients/new" className="button button-primary">
          Register patient
        </Link>
      }
    >
      <form className="search panel" role="search" aria-label="Patients" onSubmit={onSearch}>
        <TextField
          markOptional={false}
          name="name"
          label="Name"
          hint="Start of given, family or preferred name"
          type="search"
          value={form.name}
          onChange={(name) => {
            setForm({ ...form, name });
          }}
          error={errors['query.name']}
        />
        <TextField
          markOptional={false}
          name="dateOfBirth"
          label="Date of birth"
          hint="Exact date"
          type="date"
          width="short"
          value={form.dateOfBirth}
          onChange={(dateOfBirth) => {
            setForm({ ...form, dateOfBirth });
          }}
          error={errors['query.dateOfBirth']}
        />
        <TextField
          markOptional={false}
          name="mrn"
          label="MRN"
          hint="Exact, e.g. OC-000123"
          width="short"
          value={form.mrn}
          onChange={(mrn) => {
            setForm({ ...form, mrn });
          }}
          error={errors['query.mrn']}
        />
        <div className="form-actions">
          <button type="submit" className="button button-primary">
            Search
          </button>
          {searching ? (
            <button type="button" className="button" onClick={onClear}>
              Clear search
            </button>
          ) : null}
        </div>
      </form>
      {state.status === 'loading' ? <Loading what="patients" /> : null}
      {state.status === 'failed' ? <ErrorAlert problem={state.problem} /> : null}
      {state.status === 'ok' ? (
        <Results
          page={state.data}
          searching={searching}
          onPage={(page) => {
            navigate(listUrl({ ...criteria, page }));
          }}
        />
      ) : null}
    </Page>
  );
}

function Results(props: {
  readonly page: PatientPage;
  readonly searching: boolean;
  readonly onPage: (page: number) => void;
}): ReactNode {
  const { items, total, page, pageSize } = props.page;
  return (
    <>
      <StatusMessage
        message={
          props.searching ? `${total} patient${total === 1 ? '' : 's'} match the search.` : null
        }
      />
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">
            {props.searching ? 'Patients matching the search' : 'All patients of the clinic'}
          </caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Preferred name</th>
              <th scope="col">Date of birth</th>
              <th scope="col">Sex at birth</th>
              <th scope="col">MRN</th>
              <th scope="col">Phone</th>
            </tr>
          </thead>
          <tbody>
            {items.length === 0 ? (
              <tr>
                <td colSpan={6} className="empty">
                  {props.searching
                    ? 'No patient matches. Check the spelling, or search by date of birth or MRN.'
                    : 'No patients registered yet.'}
                </td>
              </tr>
            ) : (
              items.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    <Link to={`/patients/${p.id}`}>{patientName(p)}</Link>
                  </th>
                  <td>{p.preferredName ?? <span className="muted">—</span>}</td>
                  <td className="num">{p.dateOfBirth}</td>
                  <td>{SEX_LABELS[p.sexAtBirth] ?? p.sexAtBirth}</td>
                  <td className="num">{p.mrn}</td>
                  <td className="num">{p.phone ?? <span className="muted">—</span>}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <Pager
        page={page}
        pageSize={pageSize}
        total={total}
        label="Patient list"
        onPage={props.onPage}
      />
    </>
  );
}
