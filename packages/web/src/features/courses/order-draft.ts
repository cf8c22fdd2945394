/**
 * The order form's values (strings, as typed) and the choices it offers. Nothing clinical is chosen
 * for the prescriber: a new draft has no session and no concentration, and the protocol and
 * concentration lists start on an empty "Choose …" option that fails the select's `required`.
 */
import type { OrderInput, ProtocolSummary } from '@ketaflow/contract';
import type { z } from 'zod';
import { typedNumber } from '../../app/typed-number.ts';
import { chooseOption } from '../../components/field.tsx';

type Protocol = z.infer<typeof ProtocolSummary>;
interface Option {
  readonly value: string;
  readonly label: string;
}

export interface Draft {
  sessionNumber: string;
  concentration: string;
  dose: string;
  overrideReason: string;
  changeReason: string;
}

/** A new order: "session 1" or the library's first concentration would be a guess, not a fact. */
export const emptyDraft = (): Draft => ({
  sessionNumber: '',
  concentration: '',
  dose: '',
  overrideReason: '',
  changeReason: '',
});

/** The protocol's drug-library concentrations, after "Choose the concentration". */
export const concentrationOptions = (protocol: Protocol): readonly Option[] => [
  chooseOption('concentration'),
  ...protocol.standardConcentrationsMgPerMl.map((c) => ({
    value: String(c),
    label: `${String(c)} mg/mL`,
  })),
];

/** Protocols as id@version with status and typical dose, after "Choose the protocol". */
export const protocolOptions = (protocols: readonly Protocol[]): readonly Option[] => [
  chooseOption('protocol'),
  ...protocols.map((p) => ({
    value: `${p.ref.id}@${p.ref.version}`,
    label: `${p.title} · ${p.ref.id}@${p.ref.version} (${p.status}) · ${String(p.typicalDose)} ${p.doseBasis}, ${String(p.sessionDurationMin)} min`,
  })),
];

/** Parses the form into the API body; numbers strictly as typed (typedNumber), validated by the server. */
export function toInput(draft: Draft, protocol: Protocol): OrderInput {
  const dose = draft.dose.trim();
  return {
    sessionNumber: typedNumber(draft.sessionNumber),
    concentration: { mgPerMl: typedNumber(draft.concentration), source: 'library' },
    ...(dose === '' ? {} : { orderedDose: { value: typedNumber(dose), unit: protocol.doseBasis } }),
    ...(draft.overrideReason.trim() === '' ? {} : { overrideReason: draft.overrideReason.trim() }),
  };
}
