/**
 * The blind count form (safety-security.md T-45) for whoever counts: nurses and prescribers at the
 * end of a shift or of the clinic day, and the administrator. It asks when the count is taken,
 * where, which lot, how many sealed containers were found and an optional note, and never shows
 * what the books hold; afterwards it says only whether the count matched (count-entry.ts).
 */
import { useState, type ReactNode } from 'react';
import { chooseOption, SelectField, TextArea, TextField } from '../../components/field.tsx';
import {
  COUNT_KIND_OPTIONS,
  countBody,
  countLotOptions,
  countRecordedMessage,
  OTHER_LOT,
  OTHER_LOT_OPTION,
} from './count-entry.ts';
import { Frame, useEntryForm, useExplicitChoice, type Option } from './ledger-forms.tsx';

export function CountForm(props: {
  readonly locations: readonly Option[];
  /** The stock list (its locations are not used: a lot is offered once). */
  readonly lots: readonly { readonly ndc: string; readonly lot: string; readonly expiry: string }[];
  /** Whether the user resolves discrepancies on this page (ledger.report). */
  readonly canResolve: boolean;
  readonly onRecorded: () => void;
}): ReactNode {
  const [counted, setCounted] = useState('');
  const [note, setNote] = useState('');
  const [otherNdc, setOtherNdc] = useState('');
  const [otherLot, setOtherLot] = useState('');
  // A recorded count leaves no number behind for the next lot's count.
  const form = useEntryForm(() => {
    setCounted('');
    setNote('');
    setOtherNdc('');
    setOtherLot('');
    props.onRecorded();
  });
  const lots = countLotOptions(props.lots);
  const [kind, setKind] = useExplicitChoice(
    COUNT_KIND_OPTIONS.map((k) => k.value),
    null,
  );
  const [locationId, setLocationId] = useExplicitChoice(
    props.locations.map((l) => l.value),
    null,
  );
  const [lot, setLot] = useExplicitChoice([...lots.map((l) => l.value), OTHER_LOT], null);
  const f = form.submit.fields;
  return (
    <Frame
      title="Count (blind)"
      button="Record count"
      form={form}
      onSubmit={() => {
        form.send(
          countBody({ kind, locationId, lot, otherNdc, otherLot, counted, note }),
          (discrepancy) => countRecordedMessage(discrepancy, props.canResolve),
        );
      }}
    >
      <SelectField
        name="count.kind"
        label="Count taken at"
        value={kind}
        onChange={setKind}
        options={[chooseOption('time of the count'), ...COUNT_KIND_OPTIONS]}
        required
        error={f.kind}
      />
      <SelectField
        name="count.locationId"
        label="Storage location"
        value={locationId}
        onChange={setLocationId}
        options={[chooseOption('storage location'), ...props.locations]}
        required
        error={f.locationId}
      />
      <SelectField
        name="count.lot"
        label="Lot"
        value={lot}
        onChange={setLot}
        options={[chooseOption('lot'), ...lots, OTHER_LOT_OPTION]}
        required
        error={lot === OTHER_LOT ? undefined : (f.lot ?? f.ndc)}
      />
      {lot === OTHER_LOT && (
        <>
          <TextField
            name="count.otherNdc"
            label="NDC of the lot found"
            hint="As printed on the container, e.g. 12345-678-90."
            value={otherNdc}
            onChange={setOtherNdc}
            required
            error={f.ndc}
          />
          <TextField
            name="count.otherLot"
            label="Lot number found"
            value={otherLot}
            onChange={setOtherLot}
            required
            error={f.lot}
          />
        </>
      )}
      <TextField
        name="countedContainers"
        label="Sealed containers counted"
        hint="Count what is there; the number on the books is not shown."
        value={counted}
        onChange={setCounted}
        inputMode="numeric"
        width="short"
        required
        error={f.countedContainers}
      />
      <TextArea
        name="count.note"
        label="Note"
        value={note}
        onChange={setNote}
        maxLength={2000}
        markOptional
        error={f.note}
      />
    </Frame>
  );
}
