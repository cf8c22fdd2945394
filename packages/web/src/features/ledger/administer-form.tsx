/**
 * Records the drug given from an open container (21 CFR 1304.22(c)): the amount is the charted
 * infusion's cumulative dose, which the session screen shows as "Given so far"; typed in mg and sent
 * as exact µg. The session is the container's own, so it cannot be booked to another patient.
 */
import type { LedgerAvailability } from '@ketaflow/contract';
import type { z } from 'zod';
import { useState, type ReactNode } from 'react';
import { chooseOption, SelectField, TextField } from '../../components/field.tsx';
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
  const form = useEntryForm(props.onRecorded);
  const [vialId, setVialId] = useExplicitChoice(
    props.vials.map((v) => v.vialId),
    props.linkedVial,
  );
  const [amount, setAmount] = useState('');
  const vial = props.vials.find((v) => v.vialId === vialId);
  return (
    <Frame
      title="Administered (from the chart)"
      button="Record administered"
      form={form}
      onSubmit={() => {
        form.send(
          {
            type: 'administer',
            vialId,
            sessionId: vial?.sessionId ?? '',
            amountUg: micro(amount),
          },
          'Administration recorded.',
        );
      }}
    >
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
        hint="The session's “Given so far”"
        value={amount}
        onChange={setAmount}
        width="short"
        required
        error={form.submit.fields.amountUg}
      />
    </Frame>
  );
}
