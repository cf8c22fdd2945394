/**
 * Charting on a session: validated by core (vitals plausibility, adverse-event vocabulary, rate-change
 * guardrails, pump-event order), stored append-only with the client's id and clinical time, and
 * checked against the protocol's stop rules on the same write: an alarm is stored as its own entry in
 * the same transaction, and stays active until an `alarm-ack` entry names it with an action. Once the
 * infusion has run past its planned time, a write also raises the session-cap alarm when the total
 * given has reached the protocol's session cap (session-cap.ts); rate changes: rate-change-entry.ts.
 */
import { inSequence } from './in-sequence.ts';
import { randomUUID } from 'node:crypto';
import type { ChartEntryRequest } from '@ketaflow/contract';
import {
  defaultAdverseEventVocabulary,
  defaultVitalPlausibility,
  evaluateStopRules,
  validateAdverseEvent,
  validateVitals,
  type Observations,
  type Protocol,
} from '@ketaflow/core';
import type { AuditEventInput } from '../audit/append.ts';
import { inTransaction } from '../db/unit-of-work.ts';
import { DomainError, fromCoreError, notFound } from '../http/errors.ts';
import type { ServiceContext } from '../http/context.ts';
import { isReplay, mappingDuplicateId, requestHash } from '../intake/write-id.ts';
import { publish } from './bus.ts';
import { protocolOf } from './protocol-rules.ts';
import { commitGrouped } from './chart-group-commit.ts';
import { CHARTABLE_STATES } from './chart-group-statements.ts';
import { authenticateChecker, hashableChartRequest } from './rate-change-double-check.ts';
import { prepareRateChange } from './rate-change-entry.ts';
import {
  chartEntriesOf,
  findChartTarget,
  insertChartEntries,
  transitionsOf,
  type ChartEntryInsert,
  type ChartEntryRow,
  type OrderRow,
  type SessionRow,
} from './repository.ts';
import { capCheckDue, sessionCapAlarm } from './session-cap.ts';
import { alarmsOf, infusionEventsOf, type AlarmView } from './session-view.ts';
import type { Outcome } from './session-service.ts';

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
  outcome: ({ entryId: string; alarms: number } | { code: string }) & { doubleCheckedBy?: string },
): AuditEventInput => ({
  resourceType: 'infusion-session',
  resourceId: session.id,
  patientId: session.patientId,
  action: `chart.${kind}`,
  // Both clinicians of a double check are named: the actor and `doubleCheckedBy`.
  ...('code' in outcome
    ? { outcome: 'failure', detail: outcome }
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
  const hash = requestHash('chart.write', sessionId, hashableChartRequest(input));
  if (isStandalone(input)) {
    occurredAtOf(input, now);
    const prepared = prepareStandalone(input);
    const stored = await commitGrouped({
      db: ctx.db,
      audit: ctx.audit,
      clinicId: ctx.scope.clinicId,
      sessionId,
      entryId: input.id,
      // Past its planned duration a session may have reached its cap: the single path checks.
      rowsFor: (session, order) =>
        CHARTABLE_STATES.has(session.state) && !capCheckDue(session.startedAt, order, now)
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
  // The second clinician of a double check signs in before the write (their refusals are audited
  // on their own); a retry of a stored entry does not sign in again.
  const checker = await authenticateChecker(ctx, sessionId, input, hash, now);
  const checked = checker === undefined ? {} : { doubleCheckedBy: checker.userId };
  const outcome = await mappingDuplicateId(
    'chart_entries',
    inTransaction(ctx.db, ctx.audit, async (tx, audit): Promise<Outcome<ChartWrite>> => {
      // Session (locked: a rate change, an acknowledgement and the session-cap alarm depend on the
      // chart read below), order and any entry stored under this id: one round trip.
      const target = await findChartTarget(tx, ctx.scope, sessionId, input.id, {
        forUpdate: true,
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
      if (!CHARTABLE_STATES.has(session.state)) {
        throw new DomainError(
          'session.not-chartable',
          409,
          `A session that is ${session.state} cannot be charted on.`,
          'body.kind',
        );
      }
      occurredAtOf(input, now);
      const protocol = protocolOfOrder(order);
      const [transitions, entries] = await inSequence([
        () => transitionsOf(tx, session.clinicId, [session.id]),
        () => chartEntriesOf(tx, session.clinicId, [session.id]),
      ]);
      if (input.kind === 'alarm-ack') {
        const alarm = alarmsOf(entries).find((a) => a.id === input.alarmId);
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
      const prepared =
        input.kind === 'rate-change'
          ? await prepareRateChange(
              tx,
              session,
              order,
              protocol,
              input,
              now,
              { transitions, entries },
              { checker, recorderId: ctx.scope.userId },
            )
          : ({
              ok: true,
              value: isStandalone(input)
                ? prepareStandalone(input)
                : { payload: { alarmId: input.alarmId, action: input.action } },
            } as const);
      if (!prepared.ok) {
        audit(chartAudit(session, input.kind, { code: prepared.failure.code, ...checked }));
        return prepared;
      }
      const rows = entryRows(ctx, session, protocol, input, prepared.value, hash, now);
      const capAlarm = sessionCapAlarm(
        protocol,
        infusionEventsOf(order, transitions, entries),
        entries,
        now,
      );
      const [entryRow] = rows;
      if (capAlarm !== undefined && entryRow !== undefined) {
        rows.push({
          ...entryRow,
          id: randomUUID(),
          kind: 'alarm',
          payload: { ...capAlarm, sourceEntryId: input.id },
        });
      }
      const inserted = await insertChartEntries(tx, rows);
      audit(
        chartAudit(session, input.kind, {
          entryId: input.id,
          alarms: inserted.length - 1,
          ...checked,
        }),
      );
      return { ok: true, value: created(inserted) };
    }),
  );
  if (outcome.ok && outcome.value.created) publish(ctx.scope.clinicId);
  return outcome;
}
