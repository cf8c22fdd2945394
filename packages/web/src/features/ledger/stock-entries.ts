/**
 * The bodies of the stock entries an administrator records (transfer, destruction) from what their
 * forms hold. A lot is chosen as one value, `location|ndc|lot` (a lot at a storage location, as the
 * availability lists it); a transfer goes to exactly one destination: a storage location or
 * another DEA registrant. Numbers are parsed, never repaired (NaN lets the server name the field).
 */
import { typedNumber } from '../../app/typed-number.ts';
import type { EntryBody } from './pending-entry.ts';
import { witnessCredentials, type WitnessInput } from './witness-credentials.ts';

/** The value of a lot at a location in a select. */
export const lotValue = (l: { locationId: string; ndc: string; lot: string }): string =>
  `${l.locationId}|${l.ndc}|${l.lot}`;

/** A select's lot value → its parts (empty strings for nothing chosen: the server names them). */
export function parseLotValue(value: string): { locationId: string; ndc: string; lot: string } {
  const [locationId = '', ndc = '', lot = ''] = value.split('|');
  return { locationId, ndc, lot };
}

export type DestinationKind = '' | 'location' | 'registrant';

export interface TransferInput {
  readonly lot: string;
  readonly containers: string;
  readonly kind: DestinationKind;
  readonly toLocationId: string;
  readonly registrantName: string;
  readonly registrantDea: string;
}

export function transferBody(input: TransferInput): EntryBody {
  const from = parseLotValue(input.lot);
  const body = {
    type: 'transfer' as const,
    ndc: from.ndc,
    lot: from.lot,
    fromLocationId: from.locationId,
    containers: typedNumber(input.containers),
  };
  if (input.kind === 'location') return { ...body, toLocationId: input.toLocationId };
  if (input.kind === 'registrant') {
    return {
      ...body,
      toRegistrant: { name: input.registrantName, deaNumber: input.registrantDea },
    };
  }
  // No destination chosen: sent without one, and the server says a destination is needed.
  return body;
}

export interface DestroyInput {
  readonly lot: string;
  readonly containers: string;
  readonly method: string;
  readonly witnesses: readonly [WitnessInput, WitnessInput];
}

export function destroyBody(input: DestroyInput): EntryBody {
  const at = parseLotValue(input.lot);
  return {
    type: 'destroy',
    ndc: at.ndc,
    lot: at.lot,
    locationId: at.locationId,
    containers: typedNumber(input.containers),
    method: input.method,
    witnesses: [witnessCredentials(input.witnesses[0]), witnessCredentials(input.witnesses[1])],
  };
}
