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

export const CourseQuestionnaireSchedule = z.object({
  courseId: Uuid,
  /** 0 = the shipped default (not edited yet). */
  version: z.number().int(),
  edited: z.boolean(),
  /** A questionnaire-schedules knowledge document (see core parseQuestionnaireSchedule). */
  schedule: z.record(z.string(), z.unknown()),
});

export const CourseQuestionnaireScheduleUpdate = z.strictObject({
  /** The version edited (0 when replacing the default). */
  version: z.number().int().min(0),
  schedule: z.record(z.string(), z.unknown()),
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
