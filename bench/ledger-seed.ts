/**
 * Two years of one clinic's controlled-substance ledger, written as the server writes it, in bulk,
 * for bench/ledger-report.ts. Every entry is an API request that the contract parses, turned into
 * the core entry by the server's own `toCoreEntry` (the recorder, the session's patient, the clinic
 * date of the recording, the witness), with the server's request hash, report columns
 * (`reportColumns`), chain hash (`ledgerEntryHash`) and the audit event that anchors each entry's
 * sequence and hash, appended by the server's own `appendAuditEventsOf`. Core's replay must accept
 * the whole ledger before anything is written. What the bulk path skips is per-request work only:
 * the advisory lock per entry (one per batch instead), witness sign-in and the idempotency lookups.
 *
 * The clinic: 23 sessions a day on every one of 730 days, each a draw of one vial, the
 * administration of the protocol's session cap at the end of the protocol's infusion, and the
 * witnessed waste of the rest; 100 containers received whenever fewer than a day's worth are left;
 * a blind count of the safe at the close of every day (it always matches). One lot carries the whole
 * two years: the worst case for the lot report, which then holds every entry.
 */
import { randomUUID } from 'node:crypto';
import { Temporal } from 'temporal-polyfill';
import { LedgerEntryRequest } from '@ketaflow/contract';
import { applyEntries, emptyLedger, findProtocol, type LedgerEntry } from '@ketaflow/core';
import { appendAuditEventsOf } from '../packages/server/src/audit/append.ts';
import type { Db } from '../packages/server/src/db/client.ts';
import { GENESIS_HASH, ledgerEntryHash } from '../packages/server/src/ledger/chain.ts';
import { clinicDateOf, startOfClinicDay } from '../packages/server/src/ledger/clinic-day.ts';
import { hashableRequest, toCoreEntry } from '../packages/server/src/ledger/entry-request.ts';
import { requestHash } from '../packages/server/src/ledger/idempotency.ts';
import { reportColumns } from '../packages/server/src/ledger/record-entry.ts';
import { lockClinicLedger } from '../packages/server/src/ledger/repository.ts';
import { ledgerEntries } from '../packages/server/src/ledger/schema.ts';

export const DAYS = 730;
const SESSIONS_PER_DAY = 23;
const RESTOCK = 100;
const BATCH = 1_000;
const MIN = 60_000;

/** The ledger tests' fictional product: 50 mg/mL, 10 mL vials (500 mg). */
export const PRODUCT = {
  ndc: '00000-0000-01',
  lot: 'BENCH-2Y',
  strengthUgPerMl: 50_000,
  containerVolumeUl: 10_000,
} as const;
const CONTAINER_UG = (PRODUCT.strengthUgPerMl * PRODUCT.containerVolumeUl) / 1_000;

/** Session dose and length from the knowledge file (Amr 2010: 80 mg over 5 h). */
const PROTOCOL = findProtocol({ id: 'neuropathic-pain-amr', version: '1.0.0' });
if (PROTOCOL === undefined) throw new Error('protocol neuropathic-pain-amr@1.0.0 is not shipped');
const ADMINISTERED_UG = PROTOCOL.caps.sessionMaxMg * 1_000;
const INFUSION_MIN = PROTOCOL.sessionDurationMin;

export interface SeedUser {
  readonly userId: string;
  readonly role: string;
  readonly email: string;
}

export interface SeedInput {
  readonly db: Db;
  readonly clinicId: string;
  readonly timeZone: string;
  /** The last clinic day of the two years (`YYYY-MM-DD`). */
  readonly lastDay: string;
  readonly locationId: string;
  readonly admin: SeedUser;
  readonly nurses: readonly [SeedUser, SeedUser];
  readonly patientIds: readonly string[];
}

export interface SeededSession {
  readonly id: string;
  readonly patientId: string;
  readonly startAt: Date;
}

export interface Seeded {
  readonly firstDay: string;
  readonly lastDay: string;
  readonly entries: number;
  readonly sessions: readonly SeededSession[];
  /** Entries per patient (draw, administration, waste of each of their sessions). */
  readonly perPatient: ReadonlyMap<string, number>;
  /** Sealed containers and open vials left at the close of the last day. */
  readonly sealedAtEnd: number;
}

interface Planned {
  readonly request: LedgerEntryRequest;
  readonly by: SeedUser;
  readonly patientId?: string;
  readonly witness?: SeedUser;
}

/** The requests of the two years in the order they are recorded (by event time). */
function plan(
  input: SeedInput,
  firstDay: string,
): { planned: Planned[]; sessions: SeededSession[] } {
  const planned: { at: number; order: number; p: Planned }[] = [];
  const sessions: SeededSession[] = [];
  const push = (at: Date, p: Planned) =>
    planned.push({ at: at.getTime(), order: planned.length, p });
  const first = Temporal.PlainDate.from(firstDay);
  let sealed = 0;
  for (let d = 0; d < DAYS; d += 1) {
    const day = first.add({ days: d }).toString();
    const open = startOfClinicDay(input.timeZone, day).getTime();
    const common = (at: number) => ({ id: randomUUID(), occurredAt: new Date(at).toISOString() });
    if (sealed < SESSIONS_PER_DAY) {
      push(new Date(open + 7 * 60 * MIN), {
        by: input.admin,
        request: {
          ...common(open + 7 * 60 * MIN),
          type: 'receive',
          locationId: input.locationId,
          ...PRODUCT,
          expiry: first.add({ years: 3 }).toString(),
          containers: RESTOCK,
          supplierName: 'Example Wholesale (fictional)',
          supplierDeaNumber: 'AB1234563',
          orderReference: `PO-${day}`,
        },
      });
      sealed += RESTOCK;
    }
    for (let k = 0; k < SESSIONS_PER_DAY; k += 1) {
      const start = open + (7 * 60 + 30 + 20 * k) * MIN;
      const session: SeededSession = {
        id: randomUUID(),
        patientId: input.patientIds[sessions.length % input.patientIds.length] ?? '',
        startAt: new Date(start),
      };
      sessions.push(session);
      const [nurse, witness] = k % 2 === 0 ? input.nurses : [input.nurses[1], input.nurses[0]];
      const vialId = randomUUID();
      const { patientId } = session;
      push(new Date(start), {
        by: nurse,
        patientId,
        request: {
          ...common(start),
          type: 'draw',
          vialId,
          locationId: input.locationId,
          ndc: PRODUCT.ndc,
          lot: PRODUCT.lot,
          sessionId: session.id,
        },
      });
      const end = start + INFUSION_MIN * MIN;
      push(new Date(end), {
        by: nurse,
        patientId,
        request: {
          ...common(end),
          type: 'administer',
          vialId,
          sessionId: session.id,
          amountUg: ADMINISTERED_UG,
        },
      });
      push(new Date(end + 5 * MIN), {
        by: nurse,
        witness,
        request: {
          ...common(end + 5 * MIN),
          type: 'waste',
          vialId,
          amountUg: CONTAINER_UG - ADMINISTERED_UG,
          // Witness sign-in is per-request work the bulk path skips; the password is not hashed.
          witness: { email: witness.email, password: 'not-used-by-bulk-seeding' },
        },
      });
      sealed -= 1;
    }
    const close = open + 21 * 60 * MIN;
    push(new Date(close), {
      by: input.admin,
      request: {
        ...common(close),
        type: 'count',
        kind: 'end-of-day',
        ndc: PRODUCT.ndc,
        lot: PRODUCT.lot,
        locationId: input.locationId,
        countedContainers: sealed,
      },
    });
  }
  planned.sort((a, b) => a.at - b.at || a.order - b.order);
  return { planned: planned.map((x) => x.p), sessions };
}

/** Plans, checks with core, and writes the ledger (see the module comment). */
export async function seedLedger(input: SeedInput): Promise<Seeded> {
  const firstDay = Temporal.PlainDate.from(input.lastDay)
    .subtract({ days: DAYS - 1 })
    .toString();
  const { planned, sessions } = plan(input, firstDay);
  const recordedAt = (p: Planned) => new Date(new Date(p.request.occurredAt).getTime() + MIN);
  const built = planned.map((p) => {
    const request = LedgerEntryRequest.parse(p.request);
    const entry: LedgerEntry = toCoreEntry(request, {
      userId: p.by.userId,
      ...(p.patientId === undefined ? {} : { patientId: p.patientId }),
      clinicDate: clinicDateOf(input.timeZone, recordedAt(p)),
      witnessIds: p.witness === undefined ? [] : [p.witness.userId],
    });
    return { p, entry, hash: requestHash(`ledger.${request.type}`, hashableRequest(request)) };
  });
  const replay = applyEntries(
    emptyLedger,
    built.map((b) => b.entry),
  );
  if (!replay.ok)
    throw new Error(`seeded entry ${String(replay.error.index)}: ${replay.error.message}`);
  const state = replay.value;
  if (state.discrepancies.size !== 0) throw new Error('a seeded count differs from the books');

  let prevHash = GENESIS_HASH;
  const rows = built.map(({ p, entry, hash }, i) => {
    const chained = {
      seq: i + 1,
      clinicId: input.clinicId,
      id: entry.id,
      type: entry.type,
      occurredAt: new Date(entry.occurredAt),
      recordedAt: recordedAt(p),
      userId: entry.userId,
      // The vials' ndc, lot, patient and session never change, so the final state gives each
      // administration and waste the columns the state after it would.
      ...reportColumns(entry, state, undefined),
      requestHash: hash,
      entry,
    };
    const rowHash = ledgerEntryHash(prevHash, chained);
    const row = {
      ...chained,
      entry: entry as unknown as Record<string, unknown>,
      prevHash,
      hash: rowHash,
    };
    prevHash = rowHash;
    return { row, by: p.by, witness: p.witness };
  });

  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    await input.db.transaction(async (tx) => {
      await lockClinicLedger(tx, input.clinicId);
      await tx.insert(ledgerEntries).values(batch.map((b) => b.row));
      await appendAuditEventsOf(
        tx,
        batch.map(({ row, by, witness }) => ({
          context: {
            userId: by.userId,
            role: by.role,
            clinicId: input.clinicId,
            sourceIp: null,
            requestId: null,
          },
          event: {
            action: `ledger.${row.type}`,
            resourceType: 'ledger-entry',
            resourceId: row.id,
            patientId: row.patientId,
            outcome: 'success',
            detail: {
              seq: row.seq,
              hash: row.hash,
              // As record-entry.ts writes it: a ledger witness always gives a second factor (T-44).
              ...(witness === undefined
                ? {}
                : {
                    witnesses: [{ userId: witness.userId, role: witness.role, secondFactor: true }],
                  }),
            },
          },
        })),
      );
    });
  }

  const perPatient = new Map<string, number>();
  for (const { row } of rows) {
    if (row.patientId !== null)
      perPatient.set(row.patientId, (perPatient.get(row.patientId) ?? 0) + 1);
  }
  const line = [...state.stock.values()][0];
  return {
    firstDay,
    lastDay: input.lastDay,
    entries: rows.length,
    sessions,
    perPatient,
    sealedAtEnd: line?.sealedContainers ?? 0,
  };
}
