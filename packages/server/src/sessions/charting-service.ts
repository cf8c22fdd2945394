/**
 * Charting on a session: validated by core (vitals plausibility, adverse-event vocabulary, rate-change
 * guardrails, pump-event order), stored append-only with the client's id and clinical time, and
 * checked against the protocol's stop rules on the same write: an alarm is stored as its own entry in
 * the same transaction, and stays active until an `alarm-ack` entry names it with an action.
 */
import { inSequence } from './in-sequence.ts';
import { randomUUID } from 'node:crypto';
import type { ChartEntryRequest } from '@ketaflow/contract';
import {
  administeredDose,
  checkRateChange,
  defaultAdverseEventVocabulary,
  defaultVitalPlausibility,
  evaluateStopRules,
  validateAdverseEvent,
  validateVitals,
  type ConcentrationChoice,
  type Observations,
  type PatientMeasures,
  type Protocol,
} from '@ketaflow/core';
import type { AuditEventInput } from '../audit/append.ts';
import { inTransaction } from '../db/unit-of-work.ts';
import type { Tx } from '../db/client.ts';
import { DomainError, fromCoreError, notFound } from '../http/errors.ts';
import type { ServiceContext } from '../http/context.ts';
import { calendarDateIn, clinicTimeZone } from '../intake/clinic-date.ts';
import { isReplay, mappingDuplicateId, requestHash } from '../intake/write-id.ts';
import { publish } from './bus.ts';
import { protocolOf } from './protocol-rules.ts';
import { commitGrouped } from './chart-group-commit.ts';
import {
  chartEntriesOf,
  findChartTarget,
  insertChartEntries,
  otherSessionsOfCourse,
  ordersByIds,
  transitionsOf,
  type ChartEntryInsert,
  type ChartEntryRow,
  type OrderRow,
  type SessionRow,
} from './repository.ts';
import { administeredOf, alarmsOf, infusionEventsOf, type AlarmView } from './session-view.ts';
import type { Outcome } from './session-service.ts';

/** States in which the chart is open: from check-in until the patient leaves. */
const CHARTABLE = new Set([
  'checked-in',
  'prechecks-done',
  'double-checked',
  'running',
  'paused',
  'stopped',
  'recovery',
]);

export interface ChartWrite {
  readonly entry: ReturnType<typeof entryDto>;
  readonly alarms: readonly AlarmView[];
  readonly created: boolean;
}

export const entryDto = (row: ChartEntryRow) => ({
  id: row.id,
  kind: row.kind,
  occurredAt: row.occurredAt.toISOString(),
  recordedAt: row.recordedAt.toISOString(),
  recordedBy: row.recordedBy,
  payload: row.payload,
});

const badInput = (code: string, message: string, field: string): DomainError =>
  new DomainError(code, 400, message, field);

const protocolOfOrder = (order: Pick<OrderRow, 'protocolId' | 'protocolVersion'>): Protocol =>
  protocolOf({ id: order.protocolId, version: order.protocolVersion });

/** A bedside score (RASS, MOAA/S, pain NRS) checked against the cited plausible range in core's knowledge. */
function score(field: 'rass' | 'moaas' | 'painNrs', value: number): Observations {
  const range = defaultVitalPlausibility.ranges[field];
  const src = defaultVitalPlausibility.source;
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    throw badInput(
      'vitals.implausible',
      `${field} = ${value} must be a whole number from ${range.min} to ${range.max} (${src.id}@${src.version}).`,
      field === 'painNrs' ? 'body.painNrs' : 'body.score',
    );
  }
  return { [field]: value };
}

/** The patient measures and bag the order was computed with (stored in the signed order's calculation). */
function orderInputs(order: OrderRow): {
  patient: PatientMeasures;
  concentration: ConcentrationChoice;
} {
  const inputs = (
    order.calculation as {
      inputs?: { patient?: PatientMeasures; concentration?: ConcentrationChoice };
    }
  ).inputs;
  if (inputs?.patient === undefined || inputs.concentration === undefined) {
    throw new DomainError(
      'session.order-incomplete',
      422,
      'The signed order does not carry the inputs its dose was computed from; re-sign the order.',
    );
  }
  return { patient: inputs.patient, concentration: inputs.concentration };
}

/**
 * Given amounts as the calculator takes them (0.1 mg steps), rounded UP from whole µg so the
 * remaining allowance is never overstated.
 */
const upToTenthMg = (ug: number): number => Math.ceil(ug / 100) / 10;

/** Administered µg of every other session of the same patient and course (for the day and course caps). */
async function otherSessionsGivenMg(
  tx: Tx,
  session: SessionRow,
  now: Date,
  clinicDay: (d: Date) => string,
) {
  const others = await otherSessionsOfCourse(tx, session);
  if (others.length === 0) return { day: 0, course: 0 };
  const ids = others.map((s) => s.id);
  const [orders, transitions, entries] = await inSequence([
    () =>
      ordersByIds(
        tx,
        session.clinicId,
        others.map((s) => s.orderId),
      ),
    () => transitionsOf(tx, session.clinicId, ids),
    () => chartEntriesOf(tx, session.clinicId, ids),
  ]);
  let day = 0;
  let course = 0;
  const today = clinicDay(now);
  for (const other of others) {
    const order = orders.find((o) => o.id === other.orderId);
    if (order === undefined) continue;
    const ts = transitions.filter((t) => t.sessionId === other.id);
    const events = infusionEventsOf(
      order,
      ts,
      entries.filter((e) => e.sessionId === other.id),
    );
    const given = administeredOf(events, now.getTime()).administeredUg;
    course += given;
    const start = ts.find((t) => t.event === 'start');
    if (start !== undefined && clinicDay(start.occurredAt) === today) day += given;
  }
  return { day, course };
}

interface Prepared {
  readonly payload: Record<string, unknown>;
  readonly observations?: Observations;
}

/** Kinds validated from the request alone (no chart history, no lock): these are group-committed. */
type StandaloneEntry = Exclude<ChartEntryRequest, { kind: 'rate-change' | 'alarm-ack' }>;

const isStandalone = (input: ChartEntryRequest): input is StandaloneEntry =>
  input.kind !== 'rate-change' && input.kind !== 'alarm-ack';

function prepareStandalone(input: StandaloneEntry): Prepared {
  switch (input.kind) {
    case 'vitals': {
      const vitals = validateVitals(input.vitals, defaultVitalPlausibility);
      if (!vitals.ok) throw fromCoreError(vitals.error);
      return { payload: { vitals: vitals.value }, observations: vitals.value };
    }
    case 'sedation':
      return {
        payload: { scale: input.scale, score: input.score },
        observations: score(input.scale, input.score),
      };
    case 'pain':
      return { payload: { painNrs: input.painNrs }, observations: score('painNrs', input.painNrs) };
    case 'dissociation':
      return {
        payload: {
          present: input.present,
          ...(input.description === undefined ? {} : { description: input.description }),
        },
      };
    case 'note':
      return { payload: { text: input.text } };
    case 'adverse-event': {
      const event = validateAdverseEvent(
        {
          type: input.type,
          severity: input.severity,
          startedAtMs: Date.parse(input.startedAt),
          ...(input.endedAt === undefined ? {} : { endedAtMs: Date.parse(input.endedAt) }),
          action: input.action,
          ...(input.description === undefined ? {} : { description: input.description }),
          ...(input.rescue === undefined
            ? {}
            : {
                rescue: input.rescue.map((r) => ({
                  medication: r.medication,
                  dose: r.dose,
                  doseUnit: r.doseUnit,
                  route: r.route,
                  givenAtMs: Date.parse(r.givenAt),
                })),
              }),
        },
        defaultAdverseEventVocabulary,
      );
      if (!event.ok) throw fromCoreError(event.error);
      const { id: _id, kind: _kind, occurredAt: _at, ...rest } = input;
      return { payload: { ...rest, vocabulary: defaultAdverseEventVocabulary.source } };
    }
  }
}

async function prepare(
  tx: Tx,
  session: SessionRow,
  order: OrderRow,
  protocol: Protocol,
  input: ChartEntryRequest,
  now: Date,
): Promise<Outcome<Prepared>> {
  if (isStandalone(input)) return { ok: true, value: prepareStandalone(input) };
  switch (input.kind) {
    case 'alarm-ack':
      return { ok: true, value: { payload: { alarmId: input.alarmId, action: input.action } } };
    case 'rate-change': {
      if (session.state !== 'running') {
        throw new DomainError(
          'session.illegal-transition',
          409,
          `The rate can only be changed while the infusion is running (it is ${session.state}).`,
          'body.kind',
        );
      }
      const [transitions, entries] = await inSequence([
        () => transitionsOf(tx, session.clinicId, [session.id]),
        () => chartEntriesOf(tx, session.clinicId, [session.id]),
      ]);
      const events = infusionEventsOf(order, transitions, entries);
      const atMs = Date.parse(input.occurredAt);
      const given = administeredDose(events, Math.max(atMs, events.at(-1)?.atMs ?? atMs));
      if (!given.ok) throw fromCoreError(given.error, 422);
      const ordered = administeredDose(events, atMs);
      if (!ordered.ok) {
        return {
          ok: false,
          failure: {
            code: ordered.error.code,
            message: ordered.error.message,
            field: 'body.occurredAt',
          },
        };
      }
      const sessionUg = ordered.value.administeredUg;
      const timeZone = await clinicTimeZone(tx, session.clinicId);
      const others = await otherSessionsGivenMg(tx, session, now, (d) =>
        calendarDateIn(timeZone, d),
      );
      const remainingMin = Math.max(
        0,
        order.durationMin - Math.floor(ordered.value.runningMs / 60_000),
      );
      const calc = checkRateChange({
        protocol: protocol.ref,
        ...orderInputs(order),
        alreadyGivenMg: {
          session: upToTenthMg(sessionUg),
          day: upToTenthMg(sessionUg + others.day),
          course: upToTenthMg(sessionUg + others.course),
        },
        newRate: input.newRate,
        remainingMin,
        ...(input.overrideReason === undefined ? {} : { overrideReason: input.overrideReason }),
      });
      if (!calc.ok) throw fromCoreError(calc.error);
      const c = calc.value;
      if (c.blocked || (c.needsOverrideReason && c.overrideReason === null)) {
        return {
          ok: false,
          failure: {
            code: c.blocked ? 'rate-change.blocked' : 'rate-change.override-reason-required',
            message:
              c.findings.map((f) => f.message).join(' ') ||
              'The new rate is outside the guardrails.',
            field: c.blocked ? 'body.newRate.value' : 'body.overrideReason',
            evidence: { findings: c.findings, limitsApplied: c.limitsApplied },
          },
        };
      }
      return {
        ok: true,
        value: {
          payload: {
            newRate: input.newRate,
            reason: input.reason,
            overrideReason: c.overrideReason,
            rateMgPerH: c.rate.deliveredMgPerH,
            rateMlPerH: c.pump.roundedMlPerH,
            calculation: c,
          },
        },
      };
    }
  }
}

/** The clinical time of an entry; one dated after the server clock is refused. */
function occurredAtOf(input: ChartEntryRequest, now: Date): Date {
  const occurredAt = new Date(input.occurredAt);
  if (occurredAt.getTime() > now.getTime()) {
    throw badInput(
      'chart.occurred-in-future',
      'occurredAt is later than the server clock; check the device clock.',
      'body.occurredAt',
    );
  }
  return occurredAt;
}

/** The entry's row, then the rows of the stop-rule alarms its observations raise (same write). */
function entryRows(
  ctx: ServiceContext,
  session: Pick<SessionRow, 'id'>,
  protocol: Protocol,
  input: ChartEntryRequest,
  prepared: Prepared,
  hash: string,
  now: Date,
): ChartEntryInsert[] {
  const occurredAt = occurredAtOf(input, now);
  const base = {
    clinicId: ctx.scope.clinicId,
    sessionId: session.id,
    recordedBy: ctx.scope.userId,
    recordedAt: now,
    occurredAt,
    requestHash: hash,
  };
  const rows: ChartEntryInsert[] = [
    { ...base, id: input.id, kind: input.kind, payload: prepared.payload },
  ];
  if (prepared.observations !== undefined) {
    const evaluated = evaluateStopRules(prepared.observations, protocol.stopRules);
    if (!evaluated.ok) throw fromCoreError(evaluated.error, 500);
    for (const alarm of evaluated.value.alarms) {
      rows.push({
        ...base,
        id: randomUUID(),
        kind: 'alarm',
        payload: { ...alarm, sourceEntryId: input.id },
      });
    }
  }
  return rows;
}

const chartAudit = (
  session: Pick<SessionRow, 'id' | 'patientId'>,
  kind: ChartEntryRequest['kind'],
  outcome: { entryId: string; alarms: number } | { code: string },
): AuditEventInput => ({
  resourceType: 'infusion-session',
  resourceId: session.id,
  patientId: session.patientId,
  action: `chart.${kind}`,
  ...('code' in outcome
    ? { outcome: 'failure', detail: { code: outcome.code } }
    : { outcome: 'success', detail: outcome }),
});

const created = (stored: readonly ChartEntryRow[]): ChartWrite => {
  const [entry] = stored;
  if (entry === undefined) throw new Error('insert returned no row');
  return { entry: entryDto(entry), alarms: alarmsOf(stored), created: true };
};

/**
 * Writes one chart entry (and the alarms it raises); a retry with the same id returns the original.
 * Entries validated from the request alone are group-committed with concurrent ones
 * (chart-group-commit.ts); everything else, and whatever the group leaves, is written alone here.
 */
export async function writeChartEntry(
  ctx: ServiceContext,
  sessionId: string,
  input: ChartEntryRequest,
  now: Date,
): Promise<Outcome<ChartWrite>> {
  ctx.scope.require('chart.write');
  const hash = requestHash('chart.write', sessionId, input);
  if (isStandalone(input)) {
    occurredAtOf(input, now);
    const prepared = prepareStandalone(input);
    const stored = await commitGrouped({
      db: ctx.db,
      audit: ctx.audit,
      clinicId: ctx.scope.clinicId,
      sessionId,
      entryId: input.id,
      rowsFor: (session, order) =>
        CHARTABLE.has(session.state)
          ? entryRows(ctx, session, protocolOfOrder(order), input, prepared, hash, now)
          : undefined,
      auditFor: (session, rows) =>
        chartAudit(session, input.kind, { entryId: input.id, alarms: rows.length - 1 }),
    });
    if (stored !== undefined) {
      publish(ctx.scope.clinicId);
      return { ok: true, value: created(stored) };
    }
  }
  const outcome = await mappingDuplicateId(
    'chart_entries',
    inTransaction(ctx.db, ctx.audit, async (tx, audit): Promise<Outcome<ChartWrite>> => {
      const exclusive = input.kind === 'rate-change' || input.kind === 'alarm-ack';
      // Session, order and any entry stored under this id: one round trip before writing.
      const target = await findChartTarget(tx, ctx.scope, sessionId, input.id, {
        forUpdate: exclusive,
      });
      if (target === undefined) throw notFound('session');
      const { session, order, existing: replayed } = target;
      if (replayed !== null && isReplay(replayed, hash)) {
        const all = await chartEntriesOf(tx, ctx.scope.clinicId, [sessionId]);
        const raised = new Set(
          all
            .filter((e) => e.kind === 'alarm' && e.payload.sourceEntryId === replayed.id)
            .map((e) => e.id),
        );
        return {
          ok: true,
          value: {
            entry: entryDto(replayed),
            alarms: alarmsOf(all).filter((a) => raised.has(a.id)),
            created: false,
          },
        };
      }
      if (!CHARTABLE.has(session.state)) {
        throw new DomainError(
          'session.not-chartable',
          409,
          `A session that is ${session.state} cannot be charted on.`,
          'body.kind',
        );
      }
      occurredAtOf(input, now);
      const protocol = protocolOfOrder(order);
      if (input.kind === 'alarm-ack') {
        const all = await chartEntriesOf(tx, ctx.scope.clinicId, [sessionId]);
        const alarm = alarmsOf(all).find((a) => a.id === input.alarmId);
        if (alarm === undefined)
          throw new DomainError(
            'alarm.not-found',
            404,
            'No such alarm on this session.',
            'body.alarmId',
          );
        if (alarm.acknowledged)
          throw new DomainError(
            'alarm.already-acknowledged',
            409,
            'This alarm was already acknowledged.',
            'body.alarmId',
          );
      }
      const prepared = await prepare(tx, session, order, protocol, input, now);
      if (!prepared.ok) {
        audit(chartAudit(session, input.kind, { code: prepared.failure.code }));
        return prepared;
      }
      const inserted = await insertChartEntries(
        tx,
        entryRows(ctx, session, protocol, input, prepared.value, hash, now),
      );
      audit(chartAudit(session, input.kind, { entryId: input.id, alarms: inserted.length - 1 }));
      return { ok: true, value: created(inserted) };
    }),
  );
  if (outcome.ok && outcome.value.created) publish(ctx.scope.clinicId);
  return outcome;
}
