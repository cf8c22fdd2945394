/**
 * The controlled-substance ledger for the floor: stock by lot and location (no counts shown: counts
 * are blind), open containers, the entry forms (receive, draw, administered, witnessed waste,
 * return, transfer, destruction, correction; the blind end-of-shift or end-of-day count for nurses,
 * prescribers and the administrator), discrepancy incidents with their resolution
 * and DEA deadlines, and the reports (printable and CSV). `/ledger?report=…` shows one report as a
 * printable page instead (report-request.ts).
 */
import type { ReactNode } from 'react';
import { useRef } from 'react';
import { useReadySession } from '../../app/session.tsx';
import { useLoad } from '../../app/use-load.ts';
import { ErrorAlert } from '../../components/alert.tsx';
import { chooseOption } from '../../components/field.tsx';
import { Loading, Page } from '../../components/page.tsx';
import '../sessions/floor.css';
import { getAvailability, listIncidents, listLocations } from './ledger-api.ts';
import { microToMilliText } from './milli-units.ts';
import { useLocation } from '../../app/router.ts';
import { getBoard, getSession } from '../sessions/session-api.ts';
import { AdministerForm } from './administer-form.tsx';
import { boardSessionNames, linkedSessionName, sessionChoices } from './session-choices.ts';
import { CorrectionForm } from './correction-form.tsx';
import { Incidents } from './incidents.tsx';
import { CountForm } from './count-form.tsx';
import { DrawForm, ReceiveForm, WasteForm } from './ledger-forms.tsx';
import { LedgerReportPage } from './ledger-report-page.tsx';
import { parseReportRequest } from './report-request.ts';
import { ReportsPanel } from './reports-panel.tsx';
import { lotValue } from './stock-entries.ts';
import { DestroyForm, ReturnForm, TransferForm } from './stock-forms.tsx';

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

/** The ledger, or the printable report its address asks for. */
export function LedgerPage(): ReactNode {
  const { search } = useLocation();
  const report = parseReportRequest(search);
  return report === null ? <LedgerFloor search={search} /> : <LedgerReportPage parsed={report} />;
}

function LedgerFloor(props: { readonly search: string }): ReactNode {
  const { clinic } = useReadySession();
  const linkedId = new URLSearchParams(props.search).get('session');
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
    value: lotValue(l),
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
                  timeZone={clinic.timeZone}
                  onRecorded={reload}
                />
                <AdministerForm vials={vials} linkedVial={linkedVial} onRecorded={reload} />
                <WasteForm vials={vialOptions} linkedVial={linkedVial} onRecorded={reload} />
                <ReturnForm vials={vialOptions} linkedVial={linkedVial} onRecorded={reload} />
              </>
            ) : null}
            {/* Blind: whoever counts (ledger.count) sees no balance on this page. */}
            <CountForm
              locations={locationOptions}
              lots={availability.lots}
              canResolve={keeper}
              onRecorded={reload}
            />
            {keeper ? (
              <>
                <ReceiveForm locations={locationOptions} onRecorded={reload} />
                <TransferForm lots={lotOptions} locations={locationOptions} onRecorded={reload} />
                <DestroyForm lots={lotOptions} onRecorded={reload} />
                <CorrectionForm onRecorded={reload} />
              </>
            ) : null}
          </div>
        </section>
      ) : null}
      {incidents === null ? null : (
        <Incidents incidents={incidents} locationName={locationName} onRecorded={reload} />
      )}
      {keeper ? <ReportsPanel /> : null}
    </Page>
  );
}
