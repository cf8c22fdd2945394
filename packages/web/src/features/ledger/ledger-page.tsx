/**
 * The controlled-substance ledger for the floor: stock by lot and location (no counts shown: counts
 * are blind), open containers, the entry forms (receive, draw, witnessed waste, count), discrepancy
 * incidents with their DEA deadlines, and report downloads (CSV; print from the browser).
 */
import type { ReactNode } from 'react';
import { useRef, useState } from 'react';
import { useReadySession } from '../../app/session.tsx';
import { useLoad } from '../../app/use-load.ts';
import { ErrorAlert } from '../../components/alert.tsx';
import { chooseOption, SelectField, TextField } from '../../components/field.tsx';
import { Loading, Page } from '../../components/page.tsx';
import '../sessions/floor.css';
import {
  getAvailability,
  inventoryCsvUrl,
  listIncidents,
  listLocations,
  lotCsvUrl,
} from './ledger-api.ts';
import { microToMilliText } from './milli-units.ts';
import { useLocation } from '../../app/router.ts';
import { getBoard, getSession } from '../sessions/session-api.ts';
import { AdministerForm } from './administer-form.tsx';
import { boardSessionNames, linkedSessionName, sessionChoices } from './session-choices.ts';
import { CountForm, DrawForm, ReceiveForm, WasteForm } from './ledger-forms.tsx';

interface LedgerData {
  readonly locations: Awaited<ReturnType<typeof listLocations>>['items'];
  readonly availability: Awaited<ReturnType<typeof getAvailability>>;
  readonly incidents: Awaited<ReturnType<typeof listIncidents>> | null;
  /** Session id → its name on the chair board (for those who record draws; else empty). */
  readonly sessionNames: ReadonlyMap<string, string>;
  /** The session `?session=` named, when it is not on the board (read from its own record). */
  readonly linked: { readonly id: string; readonly name: string; readonly state: string } | null;
  /** The chair board (for those who record draws; else null). */
  readonly board: Awaited<ReturnType<typeof getBoard>> | null;
}

/**
 * The session a link named and its name, or null. A link to a session that cannot be read (another
 * clinic's, or a mistyped id) names none: the user then chooses from the board as usual.
 */
async function linkedSession(
  id: string | null,
  onBoard: ReadonlyMap<string, string>,
  timeZone: string,
  signal: AbortSignal,
): Promise<LedgerData['linked']> {
  if (id === null || onBoard.has(id)) return null;
  try {
    const session = await getSession(id, signal);
    return { id, name: linkedSessionName(session, timeZone), state: session.state };
  } catch (error) {
    if (signal.aborted) throw error;
    return null;
  }
}

export function LedgerPage(): ReactNode {
  const { clinic } = useReadySession();
  const linkedId = new URLSearchParams(useLocation().search).get('session');
  // Incidents and reports are the administrator's (ledger.report); other roles never ask for them.
  const keeper = clinic.role === 'admin';
  const canRecord = clinic.role === 'nurse' || clinic.role === 'prescriber';
  const { state, reload } = useLoad(
    async (signal): Promise<LedgerData> => {
      const [locations, availability, incidents, board] = await Promise.all([
        listLocations(signal),
        getAvailability(signal),
        keeper ? listIncidents(signal) : Promise.resolve(null),
        canRecord ? getBoard(signal) : Promise.resolve(null),
      ]);
      const sessionNames = board === null ? new Map<string, string>() : boardSessionNames(board);
      const linked = canRecord
        ? await linkedSession(linkedId, sessionNames, clinic.timeZone, signal)
        : null;
      return { locations: locations.items, availability, incidents, sessionNames, linked, board };
    },
    [keeper, canRecord, linkedId, clinic.timeZone],
  );
  // While an entry's reload runs, the page keeps showing the last data, so the forms (and the
  // confirmation each shows) stay in place instead of being replaced by a loading line.
  const last = useRef<LedgerData | null>(null);
  if (state.status === 'ok') last.current = state.data;
  if (state.status === 'failed') {
    return (
      <Page title="Ledger not available">
        <ErrorAlert problem={state.problem} />
      </Page>
    );
  }
  if (last.current === null) return <Loading what="the ledger" />;
  const { locations, availability, incidents, sessionNames, linked, board } = last.current;
  const sessionName = (id: string): string =>
    sessionNames.get(id) ?? (linked?.id === id ? linked.name : `session ${id.slice(0, 8)}`);
  const locationName = (id: string): string => locations.find((l) => l.id === id)?.name ?? id;
  const locationOptions = locations.map((l) => ({ value: l.id, label: l.name }));
  const lotOptions = availability.lots.map((l) => ({
    value: `${l.locationId}|${l.ndc}|${l.lot}`,
    label: `${l.ndc} lot ${l.lot} · ${locationName(l.locationId)} · expires ${l.expiry}`,
  }));
  const vials = availability.openVials.map((v) => ({
    ...v,
    label: `${v.ndc} lot ${v.lot} · ${sessionName(v.sessionId)} · ${microToMilliText(v.remainingUg)} mg left`,
  }));
  const vialOptions = vials.map((v) => ({ value: v.vialId, label: v.label }));
  // Opened from a session's page: its open container, when it has exactly one, is the one meant.
  const linkedVials = vials.filter((v) => v.sessionId === linkedId);
  const linkedVial = linkedVials.length === 1 ? (linkedVials[0]?.vialId ?? null) : null;
  return (
    <Page title="Controlled-substance ledger">
      <section className="panel" aria-labelledby="stock-heading">
        <h2 id="stock-heading">Lots in stock</h2>
        {availability.lots.length === 0 ? (
          <p className="empty">No stock.</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Location</th>
                  <th scope="col">NDC</th>
                  <th scope="col">Lot</th>
                  <th scope="col">Expiry</th>
                  <th scope="col">Strength</th>
                  <th scope="col">Container</th>
                </tr>
              </thead>
              <tbody>
                {availability.lots.map((l) => (
                  <tr key={`${l.locationId}-${l.ndc}-${l.lot}`}>
                    <td>{locationName(l.locationId)}</td>
                    <td className="num">{l.ndc}</td>
                    <td className="num">{l.lot}</td>
                    <td className="num">{l.expiry}</td>
                    <td className="num">{microToMilliText(l.strengthUgPerMl)} mg/mL</td>
                    <td className="num">{microToMilliText(l.containerVolumeUl)} mL</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <h3>Open containers</h3>
        {availability.openVials.length === 0 ? (
          <p className="empty">None open.</p>
        ) : (
          <ul>
            {vialOptions.map((v) => (
              <li key={v.value}>{v.label}</li>
            ))}
          </ul>
        )}
      </section>
      {canRecord || keeper ? (
        <section className="panel" aria-labelledby="record-heading">
          <h2 id="record-heading">Record</h2>
          <div className="chart-forms">
            {canRecord ? (
              <>
                <DrawForm
                  lots={lotOptions}
                  sessions={[chooseOption('session'), ...sessionChoices(board, linked)]}
                  linkedSession={linkedId}
                  onRecorded={reload}
                />
                <AdministerForm vials={vials} linkedVial={linkedVial} onRecorded={reload} />
                <WasteForm vials={vialOptions} linkedVial={linkedVial} onRecorded={reload} />
              </>
            ) : null}
            {keeper ? (
              <>
                <CountForm lots={lotOptions} onRecorded={reload} />
                <ReceiveForm locations={locationOptions} onRecorded={reload} />
              </>
            ) : null}
          </div>
        </section>
      ) : null}
      {incidents === null ? null : <Incidents incidents={incidents} locationName={locationName} />}
      {keeper ? <Reports /> : null}
    </Page>
  );
}

function Incidents(props: {
  readonly incidents: Awaited<ReturnType<typeof listIncidents>>;
  readonly locationName: (id: string) => string;
}): ReactNode {
  const { items, pattern } = props.incidents;
  return (
    <section className="panel" aria-labelledby="incidents-heading">
      <h2 id="incidents-heading">Count discrepancies</h2>
      {pattern.escalate ? (
        <p className="alert alert-error">
          {pattern.discrepanciesInWindow} discrepancies in the review window: treat as a possible
          significant loss (rule {pattern.source.id}@{pattern.source.version}).
        </p>
      ) : null}
      {items.length === 0 ? (
        <p className="empty">No discrepancies.</p>
      ) : (
        <ul>
          {items.map((i) => (
            <li key={i.countEntryId}>
              {i.countedAt.slice(0, 10)} · {i.ndc} lot {i.lot} at {props.locationName(i.locationId)}
              : expected {i.expectedContainers}, counted {i.countedContainers} · {i.status}
              {i.resolution === null
                ? ''
                : ` (${i.resolution.classification}: ${i.resolution.note})`}
              {i.deadlines === null
                ? ''
                : ` · DEA written notice due ${i.deadlines.writtenNoticeDueOn}, Form 106 due ${i.deadlines.form106DueOn}`}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Reports(): ReactNode {
  const [date, setDate] = useState('');
  const [basis, setBasis] = useState<'opening' | 'close'>('close');
  const [lot, setLot] = useState({ ndc: '', lot: '', from: '', to: '' });
  return (
    <section className="panel no-print" aria-labelledby="reports-heading">
      <h2 id="reports-heading">Reports (CSV)</h2>
      <div className="inline-form">
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
            setBasis(v === 'opening' ? 'opening' : 'close');
          }}
          options={[
            { value: 'opening', label: 'Opening of business' },
            { value: 'close', label: 'Close of business' },
          ]}
          required
        />
        {date === '' ? null : (
          <a className="button" href={inventoryCsvUrl(date, basis)} download>
            Download inventory CSV
          </a>
        )}
      </div>
      <div className="inline-form">
        {(['ndc', 'lot', 'from', 'to'] as const).map((k) => (
          <TextField
            key={k}
            name={`report-${k}`}
            label={k === 'ndc' ? 'NDC' : k === 'lot' ? 'Lot' : k === 'from' ? 'From' : 'To'}
            type={k === 'from' || k === 'to' ? 'date' : 'text'}
            value={lot[k]}
            onChange={(v) => {
              setLot((old) => ({ ...old, [k]: v }));
            }}
            required
          />
        ))}
        {Object.values(lot).some((v) => v === '') ? null : (
          <a className="button" href={lotCsvUrl(lot)} download>
            Download lot report CSV
          </a>
        )}
      </div>
    </section>
  );
}
