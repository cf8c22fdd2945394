/**
 * Ledger entry forms: receive, draw for a session, witnessed waste (the blind count is in
 * count-form.tsx, return, transfer and destruction in stock-forms.tsx, correction in
 * correction-form.tsx, the resolution of a discrepancy in incidents.tsx). Each form keeps its
 * entry's client id frozen with the body it was first sent with until the server accepts it
 * (pending-entry.ts), so a retry after a lost answer never records twice and is never refused.
 * Amounts are typed in mg / mL and sent as exact µg / µL.
 */
import { useRef, useState, type ReactNode } from 'react';
import { useSubmit } from '../../app/use-submit.ts';
import { ErrorAlert, StatusMessage } from '../../components/alert.tsx';
import { chooseOption, SelectField, TextField } from '../../components/field.tsx';
import { typedDrawTime } from './clinic-time-input.ts';
import { recordEntry } from './ledger-api.ts';
import { milliToMicro } from './milli-units.ts';
import { prepareEntry, type EntryBody, type PendingEntry } from './pending-entry.ts';
import type { SessionChoice } from './session-choices.ts';
import { typedNumber } from '../../app/typed-number.ts';
import {
  emptyWitness,
  witnessCredentials,
  withoutSecrets,
  type WitnessInput,
} from './witness-credentials.ts';
import { WitnessFields } from './witness-fields.tsx';

export type Option = { readonly value: string; readonly label: string };

/** NaN (never a guess) when the text is not a plain decimal: the server then names the field. */
export const micro = (text: string): number => milliToMicro(text) ?? Number.NaN;

/**
 * A select's value that follows its options: the user's choice while it is offered, else the first
 * option (stock and open containers change after every entry, and a list can start empty).
 */
export function useChoice(values: readonly string[]): [string, (value: string) => void] {
  const [chosen, setChosen] = useState('');
  return [values.includes(chosen) ? chosen : (values[0] ?? ''), setChosen];
}

/**
 * A choice the user must make because it names a patient (a session, an open container): none at
 * first unless the page was opened for one (`initial`), and never a value the list no longer offers
 * (the board and the containers change after every entry): then the user chooses again.
 */
export function useExplicitChoice(
  values: readonly string[],
  initial: string | null,
): [string, (value: string) => void] {
  // Until the user chooses, `initial` is followed: it appears when the page's data does.
  const [chosen, setChosen] = useState<string | null>(null);
  const value = chosen ?? initial ?? '';
  return [values.includes(value) ? value : '', setChosen];
}

/** Lots to choose from; with none in stock, one empty option that says so (and fails `required`). */
export const lotsOrNone = (lots: readonly Option[]): readonly Option[] =>
  lots.length === 0 ? [{ value: '', label: 'No lot in stock' }] : lots;

export function useEntryForm(onRecorded: () => void) {
  const submit = useSubmit();
  const pending = useRef<PendingEntry | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  /** `done` is the confirmation, or makes it from the answer (a count: whether it matched). */
  const send = (body: EntryBody, done: string | ((discrepancy?: boolean) => string)): void => {
    const prepared = prepareEntry(pending.current, body, {
      newId: () => crypto.randomUUID(),
      now: () => new Date().toISOString(),
    });
    pending.current = prepared.pending;
    setMessage(null);
    void submit.run(async () => {
      const recorded = await recordEntry(prepared.request);
      if (pending.current === prepared.pending) pending.current = null;
      setMessage(typeof done === 'string' ? done : done(recorded.discrepancy));
      onRecorded();
    });
  };
  return { submit, message, send };
}

export function Frame(props: {
  readonly title: string;
  readonly button: string;
  readonly form: ReturnType<typeof useEntryForm>;
  readonly onSubmit: () => void;
  readonly children: ReactNode;
}): ReactNode {
  return (
    <form
      className="chart-form"
      aria-label={props.title}
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit();
      }}
    >
      <h3>{props.title}</h3>
      <ErrorAlert problem={props.form.submit.problem} action="Not recorded" />
      <StatusMessage message={props.form.message} />
      {props.children}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={props.form.submit.busy}>
          {props.button}
        </button>
      </div>
    </form>
  );
}

export function ReceiveForm(props: {
  readonly locations: readonly Option[];
  readonly onRecorded: () => void;
}): ReactNode {
  const form = useEntryForm(props.onRecorded);
  const [v, setV] = useState<Record<string, string>>({
    locationId: props.locations[0]?.value ?? '',
  });
  const set = (k: string) => (value: string) => {
    setV((old) => ({ ...old, [k]: value }));
  };
  const f = form.submit.fields;
  const text = (k: string, label: string, width: 'short' | 'medium' | 'long' = 'medium') => (
    <TextField
      name={k}
      label={label}
      value={v[k] ?? ''}
      onChange={set(k)}
      width={width}
      required
      error={f[k]}
    />
  );
  return (
    <Frame
      title="Receive stock"
      button="Record receipt"
      form={form}
      onSubmit={() => {
        form.send(
          {
            type: 'receive',
            locationId: v.locationId ?? '',
            ndc: v.ndc ?? '',
            lot: v.lot ?? '',
            expiry: v.expiry ?? '',
            strengthUgPerMl: micro(v.strength ?? ''),
            containerVolumeUl: micro(v.volume ?? ''),
            containers: typedNumber(v.containers ?? ''),
            supplierName: v.supplierName ?? '',
            supplierDeaNumber: v.supplierDeaNumber ?? '',
            orderReference: v.orderReference ?? '',
          },
          'Receipt recorded.',
        );
      }}
    >
      <div className="inline-form">
        <SelectField
          name="locationId"
          label="Storage location"
          value={v.locationId ?? ''}
          onChange={set('locationId')}
          options={props.locations}
          required
        />
        {text('ndc', 'NDC')}
        {text('lot', 'Lot')}
        <TextField
          name="expiry"
          label="Expiry"
          type="date"
          value={v.expiry ?? ''}
          onChange={set('expiry')}
          required
          error={f.expiry}
        />
        <TextField
          name="strengthUgPerMl"
          label="Strength (mg/mL)"
          value={v.strength ?? ''}
          onChange={set('strength')}
          width="short"
          required
          error={f.strengthUgPerMl}
        />
        <TextField
          name="containerVolumeUl"
          label="Container volume (mL)"
          value={v.volume ?? ''}
          onChange={set('volume')}
          width="short"
          required
          error={f.containerVolumeUl}
        />
        {text('containers', 'Containers', 'short')}
        {text('supplierName', 'Supplier')}
        {text('supplierDeaNumber', 'Supplier DEA number')}
        {text('orderReference', 'Order reference (DEA 222 / CSOS)')}
      </div>
    </Frame>
  );
}

export function DrawForm(props: {
  readonly lots: readonly Option[];
  /** The sessions to choose from (session-choices.ts), after an empty chooseOption. */
  readonly sessions: readonly SessionChoice[];
  /** The session a link named, chosen at first; otherwise none is. */
  readonly linkedSession: string | null;
  /** The clinic's zone: a typed draw time is on its wall clock. */
  readonly timeZone: string;
  readonly onRecorded: () => void;
}): ReactNode {
  const form = useEntryForm(props.onRecorded);
  const [lot, setLot] = useChoice(props.lots.map((l) => l.value));
  const [sessionId, setSessionId] = useExplicitChoice(
    props.sessions.map((s) => s.value),
    props.linkedSession,
  );
  // Empty: drawn now. A draw recorded after the fact states when (the server keeps it within the
  // session's infusion and after the lot reached its location).
  const [drawnOn, setDrawnOn] = useState('');
  const [drawnAt, setDrawnAt] = useState('');
  const [timeError, setTimeError] = useState<string | undefined>(undefined);
  return (
    <Frame
      title="Draw for a session"
      button="Record draw"
      form={form}
      onSubmit={() => {
        const [locationId = '', ndc = '', lotNumber = ''] = lot.split('|');
        const when = typedDrawTime(drawnOn, drawnAt, props.timeZone);
        if ('error' in when) {
          setTimeError(when.error);
          return;
        }
        setTimeError(undefined);
        form.send(
          {
            type: 'draw',
            locationId,
            ndc,
            lot: lotNumber,
            sessionId,
            ...(when.occurredAt === undefined ? {} : { occurredAt: when.occurredAt }),
          },
          'Draw recorded.',
        );
      }}
    >
      <SelectField
        name="lot"
        label="Lot"
        value={lot}
        onChange={setLot}
        options={lotsOrNone(props.lots)}
        required
      />
      <SelectField
        name="sessionId"
        label="Session"
        hint="Patients in a chair now (the chair board), or the session whose page you came from"
        value={sessionId}
        onChange={setSessionId}
        options={props.sessions}
        required
        error={form.submit.fields.sessionId}
      />
      <div className="inline-form">
        <TextField
          name="draw.date"
          label="Drawn on (empty: now)"
          type="date"
          value={drawnOn}
          onChange={setDrawnOn}
          markOptional
          error={timeError ?? form.submit.fields.occurredAt}
        />
        <TextField
          name="draw.time"
          label="Drawn at (HH:MM, clinic time)"
          value={drawnAt}
          onChange={setDrawnAt}
          width="short"
          markOptional
        />
      </div>
    </Frame>
  );
}

export function WasteForm(props: {
  readonly vials: readonly Option[];
  /** The linked session's open container, chosen at first; otherwise none is. */
  readonly linkedVial: string | null;
  readonly onRecorded: () => void;
}): ReactNode {
  const form = useEntryForm(props.onRecorded);
  const [vialId, setVialId] = useExplicitChoice(
    props.vials.map((v) => v.value),
    props.linkedVial,
  );
  const [amount, setAmount] = useState('');
  const [witness, setWitness] = useState<WitnessInput>(emptyWitness);
  const f = form.submit.fields;
  return (
    <Frame
      title="Waste (witnessed)"
      button="Record witnessed waste"
      form={form}
      onSubmit={() => {
        form.send(
          { type: 'waste', vialId, amountUg: micro(amount), witness: witnessCredentials(witness) },
          'Waste recorded with its witness.',
        );
        setWitness(withoutSecrets(witness));
      }}
    >
      <SelectField
        name="vialId"
        label="Open container"
        value={vialId}
        onChange={setVialId}
        options={[chooseOption('container'), ...props.vials]}
        required
      />
      <TextField
        name="amountUg"
        label="Amount wasted (mg)"
        value={amount}
        onChange={setAmount}
        width="short"
        required
        error={f.amountUg}
      />
      <WitnessFields
        prefix="witness"
        legend="Witness signs now (a different user)"
        who="Witness"
        value={witness}
        onChange={setWitness}
        errors={f}
      />
    </Frame>
  );
}
