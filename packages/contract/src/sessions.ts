/**
 * Chairs and infusion sessions: scheduling a session of a course (bound to its active signed order),
 * transitions through core's session state machine, and the blind independent double check (T-37).
 * A refused guard answers 422 with the evidence (GuardProblem); an illegal transition 409; a discharge
 * before the protocol's minimum observation 409 with the evidence (GuardProblem).
 */
import { z } from 'zod';
import { IsoDateTime, Uuid } from './common.ts';
import { Problem } from './problem.ts';

export const ChairCreate = z.strictObject({
  id: Uuid,
  name: z.string().trim().min(1).max(40),
});
export type ChairCreate = z.infer<typeof ChairCreate>;
export const Chair = z.object({ id: Uuid, name: z.string() });
export const ChairList = z.object({ items: z.array(Chair) });

export const SESSION_STATE_VALUES = [
  'scheduled',
  'checked-in',
  'prechecks-done',
  'double-checked',
  'running',
  'paused',
  'stopped',
  'recovery',
  'discharged',
  'transferred',
  'cancelled',
] as const;
export const SessionStateDto = z.enum(SESSION_STATE_VALUES);

export const SessionCreate = z.strictObject({
  id: Uuid,
  patientId: Uuid,
  courseId: Uuid,
  /** 1-based session number of the course; the active signed order of that number is bound. */
  sessionNumber: z.number().int().min(1).max(1000),
  chairId: Uuid,
  scheduledStartAt: IsoDateTime,
});

export type SessionCreate = z.infer<typeof SessionCreate>;

export const SessionIdParams = z.strictObject({ id: Uuid });

/** Whole-number vital signs as charted (validated by core against cited plausible ranges). */
export const VitalsInput = z.record(z.string(), z.number());

const PRE_TEST = ['negative', 'positive', 'not-done'] as const;

export const PreInfusionFactsInput = z.strictObject({
  fastingConfirmed: z.boolean().nullable(),
  escortConfirmed: z.boolean().nullable(),
  pregnancyTest: z.enum(PRE_TEST),
  baselineVitals: VitalsInput,
});

export const DischargeAssessmentInput = z.strictObject({
  /** Modified Aldrete total 0..10. */
  total: z.number().int().min(0).max(10),
  items: z
    .strictObject({
      activity: z.number().int().min(0).max(2),
      respiration: z.number().int().min(0).max(2),
      circulation: z.number().int().min(0).max(2),
      consciousness: z.number().int().min(0).max(2),
      oxygenSaturation: z.number().int().min(0).max(2),
    })
    .optional(),
});

const base = { id: Uuid, version: z.number().int().min(1) };
export const TransitionRequest = z.discriminatedUnion('event', [
  z.strictObject({ ...base, event: z.literal('check-in') }),
  z.strictObject({
    ...base,
    event: z.literal('complete-prechecks'),
    facts: PreInfusionFactsInput,
  }),
  z.strictObject({ ...base, event: z.literal('start') }),
  z.strictObject({ ...base, event: z.literal('pause') }),
  z.strictObject({ ...base, event: z.literal('resume') }),
  z.strictObject({ ...base, event: z.literal('stop') }),
  z.strictObject({ ...base, event: z.literal('begin-recovery') }),
  z.strictObject({
    ...base,
    event: z.literal('discharge'),
    assessment: DischargeAssessmentInput,
  }),
  z.strictObject({
    ...base,
    event: z.literal('transfer'),
    reason: z.string().trim().min(1).max(500),
  }),
  z.strictObject({
    ...base,
    event: z.literal('cancel'),
    reason: z.string().trim().min(1).max(500),
  }),
]);
export type TransitionRequest = z.infer<typeof TransitionRequest>;

export const DoubleCheckEntryRequest = z.strictObject({
  id: Uuid,
  /** Bag concentration as read from the label, mg/mL. */
  concentrationMgPerMl: z.number().positive().max(1000),
  /** Pump rate as programmed, mL/h. */
  rateMlPerH: z.number().positive().max(10000),
});

export type DoubleCheckEntryRequest = z.infer<typeof DoubleCheckEntryRequest>;

export const DoubleCheckFieldDto = z.object({
  field: z.string(),
  first: z.number(),
  second: z.number(),
  relativeDifference: z.number(),
  agrees: z.boolean(),
});

/** After the first entry nothing of it is returned (blindness); after the second, both. */
export const DoubleCheckResult = z.object({
  round: z.number().int(),
  status: z.enum(['awaiting-second', 'agreed']),
  fields: z.array(DoubleCheckFieldDto).optional(),
  session: z.lazy(() => InfusionSession),
});

export const OrderSummary = z.object({
  id: Uuid,
  version: z.number().int(),
  protocol: z.object({ id: z.string(), version: z.string() }),
  concentrationMgPerMl: z.number(),
  rateMgPerH: z.number(),
  rateMlPerH: z.number(),
  durationMin: z.number().int(),
  sessionDoseMg: z.number(),
});

export const InfusionSession = z.object({
  id: Uuid,
  patientId: Uuid,
  courseId: Uuid,
  chairId: Uuid,
  scheduledStartAt: z.string(),
  state: SessionStateDto,
  version: z.number().int(),
  allowedEvents: z.array(z.string()),
  /** The allowed events the requester's role may record: the steps the screen offers. */
  offeredEvents: z.array(z.string()),
  /** Whether the requester may enter the blind double check now. */
  offersDoubleCheck: z.boolean(),
  order: OrderSummary,
  /** Double check of the current round: only who entered, never the values, until both are in. */
  doubleCheck: z.object({
    round: z.number().int(),
    firstEnteredBy: Uuid.nullable(),
    complete: z.boolean(),
  }),
});
export type InfusionSession = z.infer<typeof InfusionSession>;

export const SessionTransitionDto = z.object({
  id: Uuid,
  event: z.string(),
  from: z.string(),
  to: z.string(),
  version: z.number().int(),
  occurredAt: z.string(),
  recordedBy: Uuid,
});

/** A refused guard (422): the problem plus the evidence core produced. */
export const GuardProblem = Problem.extend({ evidence: z.unknown().optional() });
