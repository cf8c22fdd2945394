/**
 * Records the drug given from an open container (21 CFR 1304.22(c)): the amount is the charted
 * infusion's cumulative dose. Once a container is chosen, its session's chart is read against the
 * ledger (charted-administration.ts) and the amount is prefilled with what may still be recorded;
 * the nurse may type less, and the server refuses more (ledger.above-charted-dose, shown at the
 * amount). Typed in mg and sent as exact µg. The session is the container's own, so it cannot be
 * booked to another patient. The chart is read again after each recorded administration.
 */
import type { LedgerAvailability } from '@ketaflow/contract';
import type { z } from 'zod';
import { useState, type ReactNode } from 'react';
import { formatClock } from '../../app/format.ts';
import { useReadySession } from '../../app/session.tsx';
import { useLoad } from '../../app/use-load.ts';
import { ErrorAlert } from '../../components/alert.tsx';
import { chooseOption, SelectField, TextField } from '../../components/field.tsx';
import {
  administrationSummary,
  readingKey,
  shownAmount,
  type SessionAdministration,
  type TypedAmount,
} from './charted-administration.ts';
import { getSessionAdministration } from './ledger-api.ts';
import { Frame, micro, useEntryForm, useExplicitChoice } from './ledger-forms.tsx';

/** An open container with the label the page gives it (lot, whose session, what is left). */
export type LabelledVial = z.infer<typeof LedgerAvailability>['openVials'][number] & {
  readonly label: string;
};

export function AdministerForm(props: {
  readonly vials: readonly LabelledVial[];
  /** The linked session's open container, chosen at first; otherwise none is. */
  readonly linkedVial: string | null;
  readonly onRecorded: () => void;
}): ReactNode {
  const { clinic } = useReadySession();
  // Bumped after each recorded administration (and on "Read the chart again"): a new reading.
  const [generation, setGeneration] = useState(0);
  const form = useEntryForm(() => {
    setGeneration((g) => g + 1);
    props.onRecorded();
  });
  const [vialId, setVialId] = useExplicitChoice(
    props.vials.map((v) => v.vialId),
    props.linkedVial,
  );
  const vial = props.vials.find((v) => v.vialId === vialId);
  const sessionId = vial?.sessionId ?? '';
  const { state } = useLoad(
    (signal): Promise<SessionAdministration | null> =>
      sessionId === '' ? Promise.resolve(null) : getSessionAdministration(sessionId, signal),
    [sessionId, generation],
  );
  const reading = state.status === 'ok' ? state.data : null;
  const key = readingKey(sessionId, generation);
  const [typed, setTyped] = useState<TypedAmount | null>(null);
  const amount = shownAmount(typed, key, reading, sessionId);
  const hint =
    sessionId === ''
      ? 'Choose the container: its session’s chart is read'
      : state.status === 'failed'
        ? 'The session’s chart could not be read'
        : reading === null || reading.sessionId !== sessionId
          ? 'Reading the session’s chart…'
          : `${administrationSummary(reading)} (chart read ${formatClock(reading.asOf, clinic.timeZone)})`;
  return (
    <Frame
      title="Administered (from the chart)"
      button="Record administered"
      form={form}
      onSubmit={() => {
        form.send(
          { type: 'administer', vialId, sessionId, amountUg: micro(amount) },
          'Administration recorded.',
        );
      }}
    >
      {state.status === 'failed' ? (
        <ErrorAlert problem={state.problem} action="The session’s chart was not read" />
      ) : null}
      <SelectField
        name="administer.vialId"
        label="Open container"
        value={vialId}
        onChange={setVialId}
        options={[
          chooseOption('container'),
          ...props.vials.map((v) => ({ value: v.vialId, label: v.label })),
        ]}
        required
      />
      <TextField
        name="administer.amountUg"
        label="Amount administered (mg)"
        hint={hint}
        value={amount}
        onChange={(text) => {
          setTyped({ readingKey: key, text });
        }}
        width="short"
        required
        error={form.submit.fields.amountUg}
      />
      {sessionId === '' ? null : (
        <p>
          <button
            type="button"
            className="button"
            onClick={() => {
              setGeneration((g) => g + 1);
            }}
          >
            Read the chart again
          </button>
        </p>
      )}
    </Frame>
  );
}
