/**
 * API schemas of questionnaires: answering one (patient portal), reading responses and what is due
 * (care team), the course schedule, and the care team's urgent alerts. Scores come from core.
 */
import { z } from 'zod';
import { IsoDate, IsoDateTime, Uuid } from './common.ts';

/** Answers keyed by item id; whole numbers; null = not answered (refused as incomplete). */
export const QuestionnaireAnswers = z.record(
  z.string().min(1).max(40),
  z.number().int().min(-10).max(1000).nullable(),
);

export const QuestionnaireResponseCreate = z.strictObject({
  /** Client-generated write id. */
  id: Uuid,
  instrumentId: z.string().min(1).max(60),
  /** The scheduled occurrence this answers: course, schedule item and its due date (all or none). */
  courseId: Uuid.optional(),
  itemId: z.string().min(1).max(80).optional(),
  dueOn: IsoDate.optional(),
  answers: QuestionnaireAnswers,
});
export type QuestionnaireResponseCreate = z.infer<typeof QuestionnaireResponseCreate>;

/** What a patient is shown at once when an answer raises a crisis flag (PHQ-9 item 9 above 0). */
export const CrisisResources = z.object({
  title: z.string(),
  message: z.string(),
  contacts: z.array(z.object({ label: z.string(), action: z.string(), href: z.string() })),
  source: z.string(),
});
export type CrisisResources = z.infer<typeof CrisisResources>;

export const QuestionnaireResponse = z.object({
  id: Uuid,
  patientId: Uuid,
  courseId: Uuid.nullable(),
  itemId: z.string().nullable(),
  dueOn: IsoDate.nullable(),
  /** Instrument id@version that scored it. */
  instrument: z.object({ id: z.string(), version: z.string() }),
  score: z.number(),
  bandCode: z.string().nullable(),
  flags: z.array(z.string()),
  answeredOn: IsoDate,
  respondent: z.enum(['patient', 'clinician']),
  recordedAt: IsoDateTime,
  /** Present when a flag calls for crisis resources. */
  crisis: CrisisResources.nullable(),
});
export type QuestionnaireResponse = z.infer<typeof QuestionnaireResponse>;

export const QuestionnaireResponseList = z.object({ items: z.array(QuestionnaireResponse) });

export const ResponseListQuery = z.strictObject({
  instrumentId: z.string().min(1).max(60).optional(),
});

export const QuestionnaireOccurrence = z.object({
  courseId: Uuid,
  itemId: z.string(),
  instrumentId: z.string(),
  respondent: z.enum(['patient', 'clinician']),
  opensOn: IsoDate,
  dueOn: IsoDate,
  closesOn: IsoDate,
  status: z.enum(['due', 'overdue', 'missed', 'done']),
  completedOn: IsoDate.optional(),
});
export type QuestionnaireOccurrence = z.infer<typeof QuestionnaireOccurrence>;

export const QuestionnairesDue = z.object({
  today: IsoDate,
  /** Schedule id@version per course. */
  schedules: z.array(z.object({ courseId: Uuid, schedule: z.string() })),
  occurrences: z.array(QuestionnaireOccurrence),
  /** Why a course has no occurrences yet (e.g. no infusion planned). */
  notes: z.array(z.string()),
});
export type QuestionnairesDue = z.infer<typeof QuestionnairesDue>;

export const CourseScheduleParams = z.strictObject({ courseId: Uuid });

const days = (min: number) => z.number().int().min(min).max(3650);

/** When occurrences fall (core ScheduleTrigger; core re-checks the ranges). */
export const ScheduleTrigger = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('baseline') }),
  z.strictObject({ type: z.literal('session'), moment: z.enum(['before', 'after']) }),
  z.strictObject({ type: z.literal('daily'), graceDays: days(0), expiresAfterDays: days(0) }),
  z.strictObject({
    type: z.literal('interval'),
    everyDays: days(1),
    windowBeforeDays: days(0),
    graceDays: days(0),
    expiresAfterDays: days(0),
  }),
]);
export type ScheduleTrigger = z.infer<typeof ScheduleTrigger>;

/** One questionnaire of a course schedule as the clinic edits it. */
export const ScheduleItemEdit = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use lower-case words joined by hyphens, e.g. peg-weekly.')
    .max(80),
  instrumentId: z.string().min(1).max(60),
  /** ICD-10-CM prefixes; the item applies only to a course with a matching diagnosis. */
  conditions: z.array(z.string().min(1).max(10)).min(1).max(20).optional(),
  trigger: ScheduleTrigger,
  /** First due date kept (clinic date); earlier occurrences are not asked. */
  startsOn: IsoDate.optional(),
  /** Last due date kept (clinic date): the item stops after it. */
  stopsAfter: IsoDate.optional(),
});
export type ScheduleItemEdit = z.infer<typeof ScheduleItemEdit>;

export const ScheduleItem = ScheduleItemEdit.extend({
  /** From the instrument's knowledge file. */
  respondent: z.enum(['patient', 'clinician']),
});

/** A course's questionnaire schedule: the protocol default (version 0) or the clinic's edit. */
export const CourseQuestionnaireSchedule = z.object({
  courseId: Uuid,
  /** 0 = the shipped default, not edited yet. */
  version: z.number().int(),
  edited: z.boolean(),
  /** The knowledge schedule id@version it starts from. */
  basedOn: z.string(),
  followUpDaysAfterLastSession: z.number().int(),
  items: z.array(ScheduleItem),
  changeNote: z.string().nullable(),
  changedBy: Uuid.nullable(),
  changedAt: IsoDateTime.nullable(),
});
export type CourseQuestionnaireSchedule = z.infer<typeof CourseQuestionnaireSchedule>;

/** Replaces a course's schedule; `version` is the one edited (0 for the default; 409 when stale). */
export const CourseQuestionnaireScheduleUpdate = z.strictObject({
  version: z.number().int().min(0),
  followUpDaysAfterLastSession: days(0),
  items: z.array(ScheduleItemEdit).min(1).max(60),
  /** Why the schedule changed (kept in the history). */
  changeNote: z.string().trim().min(1).max(500),
});
export type CourseQuestionnaireScheduleUpdate = z.infer<typeof CourseQuestionnaireScheduleUpdate>;

export const CourseQuestionnaireScheduleHistory = z.object({
  items: z.array(CourseQuestionnaireSchedule),
});

export const CareAlert = z.object({
  id: Uuid,
  patientId: Uuid,
  code: z.string(),
  severity: z.enum(['urgent']),
  message: z.string(),
  sourceId: Uuid,
  raisedAt: IsoDateTime,
  acknowledgedAt: IsoDateTime.nullable(),
  acknowledgedBy: Uuid.nullable(),
  version: z.number().int(),
});
export type CareAlert = z.infer<typeof CareAlert>;

export const CareAlertList = z.object({ items: z.array(CareAlert) });
export const CareAlertParams = z.strictObject({ alertId: Uuid });
export const CareAlertAcknowledge = z.strictObject({ version: z.number().int().min(1) });
