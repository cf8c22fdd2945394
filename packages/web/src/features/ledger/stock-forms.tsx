/**
 * The entries that move stock other than draws: a drawn, untouched container put back (return; the
 * floor's), sealed containers moved to another location or registrant (transfer) and destroyed
 * before two witnesses who sign now (destruction, DEA Form 41; the administrator's). Nothing is
 * chosen by default: the lot, container, destination and witnesses are the user's to give.
 */
import { useState, type ReactNode } from 'react';
import { chooseOption, SelectField, TextField } from '../../components/field.tsx';
import {
  Frame,
  lotsOrNone,
  useEntryForm,
  useExplicitChoice,
  type Option,
} from './ledger-forms.tsx';
import {
  destroyBody,
  parseLotValue,
  transferBody,
  type DestinationKind,
  type TransferInput,
} from './stock-entries.ts';
import { emptyWitness, withoutSecrets, type WitnessInput } from './witness-credentials.ts';
import { WitnessFields } from './witness-fields.tsx';

/** A lot select with nothing chosen first (a wrong lot moved or destroyed is a wrong record). */
function LotSelect(props: {
  readonly name: string;
  readonly lots: readonly Option[];
  readonly value: string;
  readonly onChange: (value: string) => void;
}): ReactNode {
  return (
    <SelectField
      name={props.name}
      label="Lot and location"
      value={props.value}
      onChange={props.onChange}
      options={props.lots.length === 0 ? lotsOrNone([]) : [chooseOption('lot'), ...props.lots]}
      required
    />
  );
}

export function ReturnForm(props: {
  readonly vials: readonly Option[];
  readonly linkedVial: string | null;
  readonly onRecorded: () => void;
}): ReactNode {
  const form = useEntryForm(props.onRecorded);
  const [vialId, setVialId] = useExplicitChoice(
    props.vials.map((v) => v.value),
    props.linkedVial,
  );
  return (
    <Frame
      title="Return to stock (untouched)"
      button="Record return"
      form={form}
      onSubmit={() => {
        form.send({ type: 'return', vialId }, 'Return recorded.');
      }}
    >
      <SelectField
        name="return.vialId"
        label="Open container"
        hint="Only a container nothing was given or wasted from"
        value={vialId}
        onChange={setVialId}
        options={[chooseOption('container'), ...props.vials]}
        required
        error={form.submit.fields.vialId}
      />
    </Frame>
  );
}

const DESTINATIONS: readonly { value: DestinationKind; label: string }[] = [
  { value: 'location', label: 'Another storage location of this clinic' },
  { value: 'registrant', label: 'Another DEA registrant' },
];

export function TransferForm(props: {
  readonly lots: readonly Option[];
  readonly locations: readonly Option[];
  readonly onRecorded: () => void;
}): ReactNode {
  const form = useEntryForm(props.onRecorded);
  const [lot, setLot] = useExplicitChoice(
    props.lots.map((l) => l.value),
    null,
  );
  const from = parseLotValue(lot).locationId;
  const targets = props.locations.filter((l) => l.value !== from);
  const [toLocationId, setTo] = useExplicitChoice(
    targets.map((l) => l.value),
    null,
  );
  const [v, setV] = useState<Omit<TransferInput, 'lot' | 'toLocationId'>>({
    containers: '',
    kind: '',
    registrantName: '',
    registrantDea: '',
  });
  const set = (k: keyof typeof v) => (value: string) => {
    setV((old) => ({ ...old, [k]: value }));
  };
  const f = form.submit.fields;
  return (
    <Frame
      title="Transfer sealed containers"
      button="Record transfer"
      form={form}
      onSubmit={() => {
        form.send(transferBody({ ...v, lot, toLocationId }), 'Transfer recorded.');
      }}
    >
      <LotSelect name="transfer.lot" lots={props.lots} value={lot} onChange={setLot} />
      <TextField
        name="transfer.containers"
        label="Sealed containers"
        value={v.containers}
        onChange={set('containers')}
        inputMode="numeric"
        width="short"
        required
        error={f.containers}
      />
      <SelectField
        name="transfer.kind"
        label="Transferred to"
        value={v.kind}
        onChange={(value) => {
          set('kind')(value === 'location' || value === 'registrant' ? value : '');
        }}
        options={[chooseOption('destination'), ...DESTINATIONS]}
        required
      />
      {v.kind === 'location' ? (
        <SelectField
          name="transfer.toLocationId"
          label="Destination location"
          value={toLocationId}
          onChange={setTo}
          options={[chooseOption('location'), ...targets]}
          required
          error={f.toLocationId}
        />
      ) : null}
      {v.kind === 'registrant' ? (
        <div className="inline-form">
          <TextField
            name="transfer.toRegistrant.name"
            label="Registrant name"
            value={v.registrantName}
            onChange={set('registrantName')}
            required
            error={f['toRegistrant.name']}
          />
          <TextField
            name="transfer.toRegistrant.deaNumber"
            label="Registrant DEA number"
            value={v.registrantDea}
            onChange={set('registrantDea')}
            width="short"
            required
            error={f['toRegistrant.deaNumber']}
          />
        </div>
      ) : null}
    </Frame>
  );
}

export function DestroyForm(props: {
  readonly lots: readonly Option[];
  readonly onRecorded: () => void;
}): ReactNode {
  const form = useEntryForm(props.onRecorded);
  const [lot, setLot] = useExplicitChoice(
    props.lots.map((l) => l.value),
    null,
  );
  const [containers, setContainers] = useState('');
  const [method, setMethod] = useState('');
  const [first, setFirst] = useState<WitnessInput>(emptyWitness);
  const [second, setSecond] = useState<WitnessInput>(emptyWitness);
  const f = form.submit.fields;
  return (
    <Frame
      title="Destroy sealed containers (two witnesses)"
      button="Record destruction"
      form={form}
      onSubmit={() => {
        form.send(
          destroyBody({ lot, containers, method, witnesses: [first, second] }),
          'Destruction recorded with its two witnesses.',
        );
        setFirst(withoutSecrets(first));
        setSecond(withoutSecrets(second));
      }}
    >
      <LotSelect name="destroy.lot" lots={props.lots} value={lot} onChange={setLot} />
      <TextField
        name="destroy.containers"
        label="Sealed containers destroyed"
        value={containers}
        onChange={setContainers}
        inputMode="numeric"
        width="short"
        required
        error={f.containers}
      />
      <TextField
        name="destroy.method"
        label="Manner of destruction (DEA Form 41)"
        value={method}
        onChange={setMethod}
        width="long"
        required
        error={f.method}
      />
      <WitnessFields
        prefix="witnesses.0"
        form="destroy"
        legend="First witness signs now (not you)"
        who="First witness"
        value={first}
        onChange={setFirst}
        errors={f}
      />
      <WitnessFields
        prefix="witnesses.1"
        form="destroy"
        legend="Second witness signs now (not you, not the first witness)"
        who="Second witness"
        value={second}
        onChange={setSecond}
        errors={f}
      />
    </Frame>
  );
}
