/**
 * The administrator's DEA reports on the ledger page: the initial or biennial inventory (which one,
 * and as of the opening or close of business, both chosen explicitly: the record states them), the record of a lot and
 * the record of a patient over a range of clinic days. Each opens as a printable page
 * (ledger-report-page.tsx) or downloads as CSV.
 */
import { useState, type ReactNode } from 'react';
import { useSubmit } from '../../app/use-submit.ts';
import { ErrorAlert } from '../../components/alert.tsx';
import { chooseOption, SelectField, TextField } from '../../components/field.tsx';
import { Link } from '../../components/link.tsx';
import { searchPatients } from '../patients/patient-api.ts';
import type { InventoryKind } from './ledger-api.ts';
import {
  INVENTORY_KIND_LABELS,
  patientChoice,
  reportCsvUrl,
  reportPath,
  type ReportRequest,
} from './report-request.ts';

/** The printable page and CSV download of a report, once everything it needs is given. */
function ReportLinks(props: {
  readonly request: ReportRequest | null;
  readonly what: string;
}): ReactNode {
  if (props.request === null) return null;
  return (
    <p className="link-row">
      <Link to={reportPath(props.request)} className="button">
        Printable {props.what}
      </Link>{' '}
      <a className="button" href={reportCsvUrl(props.request)} download>
        Download {props.what} CSV
      </a>
    </p>
  );
}

function DateRange(props: {
  readonly prefix: string;
  readonly range: { from: string; to: string };
  readonly onChange: (range: { from: string; to: string }) => void;
}): ReactNode {
  return (
    <>
      <TextField
        name={`${props.prefix}-from`}
        label="From"
        type="date"
        value={props.range.from}
        onChange={(from) => {
          props.onChange({ ...props.range, from });
        }}
        required
      />
      <TextField
        name={`${props.prefix}-to`}
        label="To"
        type="date"
        value={props.range.to}
        onChange={(to) => {
          props.onChange({ ...props.range, to });
        }}
        required
      />
    </>
  );
}

export function ReportsPanel(): ReactNode {
  return (
    <section className="panel no-print" aria-labelledby="reports-heading">
      <h2 id="reports-heading">Reports (printable and CSV)</h2>
      <InventoryReport />
      <LotReport />
      <PatientReport />
    </section>
  );
}

function InventoryReport(): ReactNode {
  const [date, setDate] = useState('');
  const [basis, setBasis] = useState<'' | 'opening' | 'close'>('');
  const [inventoryKind, setInventoryKind] = useState<'' | InventoryKind>('');
  const request: ReportRequest | null =
    date === '' || basis === '' || inventoryKind === ''
      ? null
      : { kind: 'inventory', date, basis, inventoryKind };
  return (
    <fieldset>
      <legend>Initial or biennial inventory</legend>
      <div className="inline-form">
        <SelectField
          name="inventoryKind"
          label="Which inventory"
          value={inventoryKind}
          onChange={(v) => {
            setInventoryKind(v === 'initial' || v === 'biennial' ? v : '');
          }}
          options={[
            chooseOption('inventory'),
            { value: 'initial', label: INVENTORY_KIND_LABELS.initial },
            { value: 'biennial', label: INVENTORY_KIND_LABELS.biennial },
          ]}
          required
        />
        <TextField
          name="inventoryDate"
          label="Inventory date"
          type="date"
          value={date}
          onChange={setDate}
          required
        />
        <SelectField
          name="basis"
          label="Taken at"
          value={basis}
          onChange={(v) => {
            setBasis(v === 'opening' || v === 'close' ? v : '');
          }}
          options={[
            chooseOption('time of the inventory'),
            { value: 'opening', label: 'Opening of business' },
            { value: 'close', label: 'Close of business' },
          ]}
          required
        />
      </div>
      <ReportLinks request={request} what="inventory" />
    </fieldset>
  );
}

function LotReport(): ReactNode {
  const [lot, setLot] = useState({ ndc: '', lot: '' });
  const [range, setRange] = useState({ from: '', to: '' });
  const complete = [lot.ndc, lot.lot, range.from, range.to].every((v) => v.trim() !== '');
  return (
    <fieldset>
      <legend>Record of a lot</legend>
      <div className="inline-form">
        <TextField
          name="report-ndc"
          label="NDC"
          value={lot.ndc}
          onChange={(ndc) => {
            setLot((old) => ({ ...old, ndc }));
          }}
          required
        />
        <TextField
          name="report-lot"
          label="Lot"
          value={lot.lot}
          onChange={(value) => {
            setLot((old) => ({ ...old, lot: value }));
          }}
          required
        />
        <DateRange prefix="report-lot" range={range} onChange={setRange} />
      </div>
      <ReportLinks
        request={complete ? { kind: 'lot', ...lot, ...range } : null}
        what="lot report"
      />
    </fieldset>
  );
}

type Found = readonly { value: string; label: string }[];

/** The patient is found by MRN or name and then chosen from what was found (none at first). */
function PatientReport(): ReactNode {
  const submit = useSubmit();
  const [mrn, setMrn] = useState('');
  const [name, setName] = useState('');
  const [found, setFound] = useState<Found | null>(null);
  const [patientId, setPatientId] = useState('');
  const [range, setRange] = useState({ from: '', to: '' });
  const chosen = found?.some((p) => p.value === patientId) === true ? patientId : '';
  const complete = chosen !== '' && range.from !== '' && range.to !== '';
  return (
    <fieldset>
      <legend>Record of a patient</legend>
      <form
        className="inline-form"
        role="search"
        aria-label="Find the patient"
        onSubmit={(e) => {
          e.preventDefault();
          setPatientId('');
          void submit.run(async () => {
            const page = await searchPatients({
              ...(mrn.trim() === '' ? {} : { mrn: mrn.trim() }),
              ...(name.trim() === '' ? {} : { name: name.trim() }),
              page: 1,
              pageSize: 20,
            });
            setFound(page.items.map(patientChoice));
          });
        }}
      >
        <ErrorAlert problem={submit.problem} action="Not searched" />
        <TextField
          name="report-patient-mrn"
          label="MRN"
          value={mrn}
          onChange={setMrn}
          markOptional={false}
          error={submit.fields['query.mrn']}
        />
        <TextField
          name="report-patient-name"
          label="Name"
          type="search"
          value={name}
          onChange={setName}
          markOptional={false}
          error={submit.fields['query.name']}
        />
        <div className="form-actions">
          <button type="submit" className="button" disabled={submit.busy}>
            Find patient
          </button>
        </div>
      </form>
      {found === null ? null : (
        <div className="inline-form">
          <SelectField
            name="report-patient"
            label="Patient"
            value={chosen}
            onChange={setPatientId}
            options={[
              found.length === 0
                ? { value: '', label: 'No patient found' }
                : chooseOption('patient'),
              ...found,
            ]}
            required
          />
          <DateRange prefix="report-patient" range={range} onChange={setRange} />
        </div>
      )}
      <ReportLinks
        request={complete ? { kind: 'patient', patientId: chosen, ...range } : null}
        what="patient report"
      />
    </fieldset>
  );
}
