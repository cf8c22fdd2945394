/**
 * The ledger's book: stock per lot and location, drawn containers and count discrepancies, and
 * the effect of each (non-correction) entry on it. Quantities are exact integers (containers,
 * µg). An effect either succeeds or returns an error, in which case the caller throws its
 * working copy away: a balance can never go negative. An entry may not be dated before the entry
 * it depends on (a draw before its lot's receipt or before the lot reached that location, an
 * administration before its draw …): the inventory as of a date folds the standing entries dated
 * before it (ledger-as-of.ts), and must find each one's cause there. A count expects the balance
 * as of its own date, so nothing moving sealed containers may be dated before a recorded count of
 * them (sealed-history.ts).
 */
import { err, ok, type Result } from '../result.ts';
import { dayNumber, type IsoDate } from '../session/iso-date.ts';
import { fileDeaReport, type DeaFiling } from './dea-filing.ts';
import {
  arrivalBy,
  notBefore,
  notBeforeArrival,
  occurredAtMs,
  type Arrival,
} from './ledger-dating.ts';
import {
  containerMassUg,
  LOSS_CLASSIFICATIONS,
  REPORTABLE_CLASSIFICATIONS,
  type DiscrepancyClassification,
  type LedgerEntry,
} from './ledger-entry.ts';
import {
  countMarkBy,
  movedLine,
  sealedAsOf,
  type CountMark,
  type SealedMove,
} from './sealed-history.ts';

export interface Lot {
  readonly ndc: string;
  readonly lot: string;
  readonly expiry: string;
  readonly strengthUgPerMl: number;
  readonly containerVolumeUl: number;
  /** Mass of one full container, µg. */
  readonly containerUg: number;
  /** Earliest receipt of the lot, epoch ms (nothing of the lot can happen before it). */
  readonly receivedAtMs: number;
}

/** Stock of one lot at one location, with the running totals the DEA reconciliation needs (µg). */
export interface StockLine {
  readonly ndc: string;
  readonly lot: string;
  readonly location: string;
  readonly sealedContainers: number;
  readonly receivedUg: number;
  readonly administeredUg: number;
  readonly wastedUg: number;
  readonly destroyedUg: number;
  readonly lostUg: number;
  readonly transferredOutUg: number;
  readonly transferredInUg: number;
  /**
   * The earliest entry that brought the lot to this location (its receipt into it or a transfer
   * into it); absent while none has. Nothing can be taken from or counted at the location before
   * it: the inventory as of a date in between would not find the containers there.
   */
  readonly arrival?: Arrival;
  /** Every change of `sealedContainers`, newest first (a count's balance as of its date). */
  readonly sealedMoves?: SealedMove;
  /** The latest-dated count of the line: nothing moving its sealed containers is dated before. */
  readonly lastCount?: CountMark;
}

export interface Vial {
  readonly vialId: string;
  readonly ndc: string;
  readonly lot: string;
  readonly location: string;
  readonly sessionId: string;
  readonly patientId: string;
  readonly drawnUg: number;
  readonly administeredUg: number;
  readonly wastedUg: number;
  /** When it was drawn, epoch ms (nothing can be taken from it before). */
  readonly drawnAtMs: number;
  /** open: drug left; closed: administered + wasted = drawn; returned: back in stock untouched. */
  readonly status: 'open' | 'closed' | 'returned';
}

export interface Discrepancy {
  readonly countEntryId: string;
  readonly ndc: string;
  readonly lot: string;
  readonly location: string;
  readonly expectedContainers: number;
  readonly countedContainers: number;
  /** When the count was taken, epoch ms (its resolution cannot come before). */
  readonly countedAtMs: number;
  readonly resolution?: {
    readonly entryId: string;
    readonly classification: DiscrepancyClassification;
    readonly note: string;
  };
  /** DEA reports filed on it (dea-filing.ts), in the order recorded; at most one of each. */
  readonly filings?: readonly DeaFiling[];
}

/** Read-only view of a book (what LedgerState exposes). */
export interface BookView {
  readonly lots: ReadonlyMap<string, Lot>;
  readonly stock: ReadonlyMap<string, StockLine>;
  readonly vials: ReadonlyMap<string, Vial>;
  readonly discrepancies: ReadonlyMap<string, Discrepancy>;
}

export const lotKey = (ndc: string, lot: string): string => JSON.stringify([ndc, lot]);
export const stockKey = (ndc: string, lot: string, location: string): string =>
  JSON.stringify([ndc, lot, location]);

/** Mutable working copy of the ledger's balances. */
export interface Book {
  lots: Map<string, Lot>;
  stock: Map<string, StockLine>;
  vials: Map<string, Vial>;
  discrepancies: Map<string, Discrepancy>;
}

export const cloneBook = (s: Book | BookView): Book => ({
  lots: new Map(s.lots),
  stock: new Map(s.stock),
  vials: new Map(s.vials),
  discrepancies: new Map(s.discrepancies),
});

const fail = (code: string, field: string, message: string): Result<never> =>
  err({ code: `ledger.${code}`, field, message });

const emptyLine = (ndc: string, lot: string, location: string): StockLine => ({
  ndc,
  lot,
  location,
  sealedContainers: 0,
  receivedUg: 0,
  administeredUg: 0,
  wastedUg: 0,
  destroyedUg: 0,
  lostUg: 0,
  transferredOutUg: 0,
  transferredInUg: 0,
});

function lineOf(book: Book, ndc: string, lot: string, location: string): StockLine {
  return book.stock.get(stockKey(ndc, lot, location)) ?? emptyLine(ndc, lot, location);
}

const setLine = (book: Book, line: StockLine): void => {
  book.stock.set(stockKey(line.ndc, line.lot, line.location), line);
};

/** Refuses `entry` (at `location`) dated before its lot first arrived there. */
const arrivedBefore = (
  book: Book,
  entry: { readonly occurredAt: string; readonly ndc: string; readonly lot: string },
  location: string,
): Result<true> =>
  notBeforeArrival(
    entry,
    lineOf(book, entry.ndc, entry.lot, location).arrival,
    entry.lot,
    location,
  );

/** The lot, when received no later than `entry` happened. */
function knownLot(
  book: Book,
  ndc: string,
  lot: string,
  entry: { readonly occurredAt: string },
): Result<Lot> {
  const found = book.lots.get(lotKey(ndc, lot));
  if (found === undefined)
    return fail('unknown-lot', 'lot', `No receipt of lot ${lot} (NDC ${ndc}) is on record.`);
  const after = notBefore(entry, found.receivedAtMs, `the first receipt of lot ${lot}`);
  return after.ok ? ok(found) : after;
}

/** The line with `delta` sealed containers moved by `entry` (see `movedLine`). */
const moveSealed = (
  book: Book,
  entry: { readonly ndc: string; readonly lot: string; readonly occurredAt: string },
  location: string,
  delta: number,
  field: string,
): Result<StockLine> =>
  movedLine(lineOf(book, entry.ndc, entry.lot, location), delta, entry, {
    lot: entry.lot,
    location,
    field,
  });

function openVial(
  book: Book,
  vialId: string,
  entry: { readonly occurredAt: string },
): Result<Vial> {
  const vial = book.vials.get(vialId);
  if (vial === undefined)
    return fail('unknown-vial', 'vialId', `Container ${vialId} was never drawn.`);
  if (vial.status !== 'open')
    return fail(
      'vial-closed',
      'vialId',
      `Container ${vialId} is ${vial.status}; nothing more can be taken from it.`,
    );
  const after = notBefore(entry, vial.drawnAtMs, `the draw of container ${vialId}`);
  return after.ok ? ok(vial) : after;
}

/** Updates a vial after administering or wasting and books the mass against its stock line. */
function drawDown(
  book: Book,
  vial: Vial,
  amountUg: number,
  as: 'administeredUg' | 'wastedUg',
): Result<true> {
  const remaining = vial.drawnUg - vial.administeredUg - vial.wastedUg;
  if (amountUg > remaining) {
    return fail(
      'balance-negative',
      'amountUg',
      `Container ${vial.vialId} holds ${remaining} µg; ${amountUg} µg cannot be taken from it.`,
    );
  }
  const next = { ...vial, [as]: vial[as] + amountUg };
  book.vials.set(vial.vialId, {
    ...next,
    status: next.administeredUg + next.wastedUg === next.drawnUg ? 'closed' : 'open',
  });
  const line = lineOf(book, vial.ndc, vial.lot, vial.location);
  setLine(book, { ...line, [as]: line[as] + amountUg });
  return ok(true);
}

/** The effect of one non-correction entry on the book (mutates the given clone). */
export function applyEffect(
  book: Book,
  entry: Exclude<LedgerEntry, { type: 'correction' }>,
): Result<true> {
  switch (entry.type) {
    case 'receive': {
      const mass = containerMassUg(entry.strengthUgPerMl, entry.containerVolumeUl);
      if (!mass.ok) return mass;
      const known = book.lots.get(lotKey(entry.ndc, entry.lot));
      if (
        known !== undefined &&
        (known.expiry !== entry.expiry ||
          known.strengthUgPerMl !== entry.strengthUgPerMl ||
          known.containerVolumeUl !== entry.containerVolumeUl)
      ) {
        return fail(
          'lot-conflict',
          'lot',
          `Lot ${entry.lot} is on record with a different expiry, strength or container volume.`,
        );
      }
      book.lots.set(lotKey(entry.ndc, entry.lot), {
        ndc: entry.ndc,
        lot: entry.lot,
        expiry: entry.expiry,
        strengthUgPerMl: entry.strengthUgPerMl,
        containerVolumeUl: entry.containerVolumeUl,
        containerUg: mass.value,
        receivedAtMs: Math.min(known?.receivedAtMs ?? Infinity, occurredAtMs(entry)),
      });
      const line = moveSealed(book, entry, entry.location, entry.containers, 'occurredAt');
      if (!line.ok) return line;
      setLine(book, {
        ...line.value,
        receivedUg: line.value.receivedUg + entry.containers * mass.value,
        arrival: arrivalBy(line.value.arrival, entry, 'receipt'),
      });
      return ok(true);
    }
    case 'draw': {
      const lot = knownLot(book, entry.ndc, entry.lot, entry);
      if (!lot.ok) return lot;
      if (book.vials.has(entry.vialId))
        return fail('duplicate-vial', 'vialId', `Container id ${entry.vialId} is already in use.`);
      if (dayNumber(entry.clinicDate as IsoDate) > dayNumber(lot.value.expiry as IsoDate)) {
        return fail(
          'lot-expired',
          'lot',
          `Lot ${entry.lot} expired on ${lot.value.expiry}; quarantine it for destruction.`,
        );
      }
      const arrived = arrivedBefore(book, entry, entry.location);
      if (!arrived.ok) return arrived;
      const line = moveSealed(book, entry, entry.location, -1, 'location');
      if (!line.ok) return line;
      setLine(book, line.value);
      book.vials.set(entry.vialId, {
        vialId: entry.vialId,
        ndc: entry.ndc,
        lot: entry.lot,
        location: entry.location,
        sessionId: entry.sessionId,
        patientId: entry.patientId,
        drawnUg: lot.value.containerUg,
        administeredUg: 0,
        wastedUg: 0,
        drawnAtMs: occurredAtMs(entry),
        status: 'open',
      });
      return ok(true);
    }
    case 'administer': {
      const vial = openVial(book, entry.vialId, entry);
      if (!vial.ok) return vial;
      if (vial.value.sessionId !== entry.sessionId || vial.value.patientId !== entry.patientId) {
        return fail(
          'session-mismatch',
          'sessionId',
          `Container ${entry.vialId} was drawn for another session or patient.`,
        );
      }
      return drawDown(book, vial.value, entry.amountUg, 'administeredUg');
    }
    case 'waste': {
      if (entry.witnessId === entry.userId) {
        return fail(
          'self-witness',
          'witnessId',
          'A waste must be witnessed by a second user, not the one wasting.',
        );
      }
      const vial = openVial(book, entry.vialId, entry);
      if (!vial.ok) return vial;
      return drawDown(book, vial.value, entry.amountUg, 'wastedUg');
    }
    case 'return': {
      const vial = openVial(book, entry.vialId, entry);
      if (!vial.ok) return vial;
      if (vial.value.administeredUg + vial.value.wastedUg > 0) {
        return fail(
          'vial-opened',
          'vialId',
          `Container ${entry.vialId} has been used; waste what is left instead of returning it.`,
        );
      }
      const taken = { ...vial.value, occurredAt: entry.occurredAt };
      const line = moveSealed(book, taken, vial.value.location, 1, 'occurredAt');
      if (!line.ok) return line;
      book.vials.set(entry.vialId, { ...vial.value, status: 'returned' });
      setLine(book, line.value);
      return ok(true);
    }
    case 'transfer': {
      const lot = knownLot(book, entry.ndc, entry.lot, entry);
      if (!lot.ok) return lot;
      const { destination: to } = entry;
      if (to.kind === 'location' && to.location === entry.fromLocation) {
        return fail(
          'invalid-field',
          'destination.location',
          'A transfer must go to a different location.',
        );
      }
      const arrived = arrivedBefore(book, entry, entry.fromLocation);
      if (!arrived.ok) return arrived;
      const from = moveSealed(book, entry, entry.fromLocation, -entry.containers, 'containers');
      if (!from.ok) return from;
      const massUg = entry.containers * lot.value.containerUg;
      setLine(book, { ...from.value, transferredOutUg: from.value.transferredOutUg + massUg });
      if (to.kind === 'location') {
        const line = moveSealed(book, entry, to.location, entry.containers, 'occurredAt');
        if (!line.ok) return line;
        setLine(book, {
          ...line.value,
          transferredInUg: line.value.transferredInUg + massUg,
          arrival: arrivalBy(line.value.arrival, entry, 'transfer'),
        });
      }
      return ok(true);
    }
    case 'destroy': {
      const [w1, w2] = entry.witnessIds;
      if (w1 === entry.userId || w2 === entry.userId) {
        return fail(
          'self-witness',
          'witnessIds',
          'Destruction needs two witnesses other than the user recording it.',
        );
      }
      if (w1 === w2)
        return fail(
          'same-witness',
          'witnessIds[1]',
          'Destruction needs two different witnesses (DEA Form 41).',
        );
      const lot = knownLot(book, entry.ndc, entry.lot, entry);
      if (!lot.ok) return lot;
      const arrived = arrivedBefore(book, entry, entry.location);
      if (!arrived.ok) return arrived;
      const line = moveSealed(book, entry, entry.location, -entry.containers, 'containers');
      if (!line.ok) return line;
      setLine(book, {
        ...line.value,
        destroyedUg: line.value.destroyedUg + entry.containers * lot.value.containerUg,
      });
      return ok(true);
    }
    case 'count': {
      const lot = knownLot(book, entry.ndc, entry.lot, entry);
      if (!lot.ok) return lot;
      const arrived = arrivedBefore(book, entry, entry.location);
      if (!arrived.ok) return arrived;
      // Expected: the balance as of the count's own date, whatever order entries were recorded in.
      const line = lineOf(book, entry.ndc, entry.lot, entry.location);
      const expected = sealedAsOf(line.sealedContainers, line.sealedMoves, occurredAtMs(entry));
      setLine(book, { ...line, lastCount: countMarkBy(line.lastCount, entry) });
      if (expected !== entry.countedContainers) {
        book.discrepancies.set(entry.id, {
          countEntryId: entry.id,
          ndc: entry.ndc,
          lot: entry.lot,
          location: entry.location,
          expectedContainers: expected,
          countedContainers: entry.countedContainers,
          countedAtMs: occurredAtMs(entry),
        });
      }
      return ok(true);
    }
    case 'dea-report': {
      const d = book.discrepancies.get(entry.countEntryId);
      if (d === undefined)
        return fail(
          'unknown-discrepancy',
          'countEntryId',
          `Count ${entry.countEntryId} has no discrepancy to report.`,
        );
      const afterCount = notBefore(entry, d.countedAtMs, `count ${entry.countEntryId}`);
      if (!afterCount.ok) return afterCount;
      const filings = fileDeaReport(d, entry, REPORTABLE_CLASSIFICATIONS);
      if (!filings.ok) return filings;
      book.discrepancies.set(d.countEntryId, { ...d, filings: filings.value });
      return ok(true);
    }
    case 'resolve-discrepancy': {
      const d = book.discrepancies.get(entry.countEntryId);
      if (d === undefined)
        return fail(
          'unknown-discrepancy',
          'countEntryId',
          `Count ${entry.countEntryId} has no discrepancy to resolve.`,
        );
      if (d.resolution !== undefined)
        return fail(
          'already-resolved',
          'countEntryId',
          `The discrepancy of count ${entry.countEntryId} is already resolved.`,
        );
      const afterCount = notBefore(entry, d.countedAtMs, `count ${entry.countEntryId}`);
      if (!afterCount.ok) return afterCount;
      if (LOSS_CLASSIFICATIONS.includes(entry.classification)) {
        const missing = d.expectedContainers - d.countedContainers;
        if (missing <= 0)
          return fail(
            'resolution-not-applicable',
            'classification',
            'The count found more than expected; a surplus cannot be a loss.',
          );
        const lot = knownLot(book, d.ndc, d.lot, entry);
        if (!lot.ok) return lot;
        const line = moveSealed(
          book,
          { ...d, occurredAt: entry.occurredAt },
          d.location,
          -missing,
          'countEntryId',
        );
        if (!line.ok) return line;
        setLine(book, {
          ...line.value,
          lostUg: line.value.lostUg + missing * lot.value.containerUg,
        });
      }
      book.discrepancies.set(d.countEntryId, {
        ...d,
        resolution: { entryId: entry.id, classification: entry.classification, note: entry.note },
      });
      return ok(true);
    }
  }
}
