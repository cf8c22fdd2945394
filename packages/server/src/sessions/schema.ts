/**
 * Chairs and infusion sessions.
 *
 * `chairs`: the infusion chairs of a clinic (the chair board lists every active one).
 *
 * `infusion_sessions`: one scheduled infusion of a patient's course in a chair, bound to the signed
 * order (orders.id, an immutable row) it delivers. `state` and `version` are the only mutable
 * columns: the current state of core's session state machine and an optimistic-concurrency counter.
 * Every change of state is also an append-only `session_transitions` row with its evidence.
 *
 * `double_check_entries`: blind entries of the independent double check (T-37), grouped in rounds;
 * a round is complete when its second entry is in. Append-only, so the record of both entries, both
 * users and both times is immutable.
 *
 * `chart_entries`: everything charted on a session (vitals, sedation, dissociation, pain, notes, rate
 * changes, adverse events, stop-rule alarms and their acknowledgements), each with the clinical time
 * it happened and the client-generated id that makes retries idempotent. Append-only.
 */
import { sql } from 'drizzle-orm';
import {
  bigserial,
  check,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { clinics } from '../clinics/schema.ts';
import { courses, orders } from '../courses/schema.ts';
import { patients } from '../patients/schema.ts';
import { users } from '../users/schema.ts';

export const chairs = pgTable(
  'chairs',
  {
    /** Client-generated write id. */
    id: uuid('id').primaryKey(),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    name: text('name').notNull(),
    requestHash: text('request_hash').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('chairs_clinic_name').on(t.clinicId, t.name)],
);

export const infusionSessions = pgTable(
  'infusion_sessions',
  {
    /** Client-generated write id. */
    id: uuid('id').primaryKey(),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id),
    /** The signed order version this session delivers. */
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    chairId: uuid('chair_id')
      .notNull()
      .references(() => chairs.id),
    scheduledStartAt: timestamp('scheduled_start_at', { withTimezone: true }).notNull(),
    /** core SessionState. */
    state: text('state').notNull(),
    version: integer('version').notNull().default(1),
    requestHash: text('request_hash').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('infusion_sessions_clinic_chair').on(t.clinicId, t.chairId, t.scheduledStartAt),
    index('infusion_sessions_patient').on(t.patientId, t.scheduledStartAt),
    check('infusion_sessions_version_positive', sql`${t.version} >= 1`),
  ],
);

export const sessionTransitions = pgTable(
  'session_transitions',
  {
    /** Client-generated write id. */
    id: uuid('id').primaryKey(),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => infusionSessions.id),
    event: text('event').notNull(),
    fromState: text('from_state').notNull(),
    toState: text('to_state').notNull(),
    /** The session version this transition produced. */
    version: integer('version').notNull(),
    /** What the guard proved (core TransitionEvidence) plus the recorded facts. */
    evidence: jsonb('evidence').$type<Record<string, unknown>>(),
    requestHash: text('request_hash').notNull(),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('session_transitions_session_version').on(t.sessionId, t.version)],
);

export const doubleCheckEntries = pgTable(
  'double_check_entries',
  {
    /** Client-generated write id. */
    id: uuid('id').primaryKey(),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => infusionSessions.id),
    round: integer('round').notNull(),
    /** 1 = first entry, 2 = second (independent) entry. */
    ordinal: integer('ordinal').notNull(),
    concentrationMgPerMl: numeric('concentration_mg_per_ml', { mode: 'number' }).notNull(),
    rateMlPerH: numeric('rate_ml_per_h', { mode: 'number' }).notNull(),
    requestHash: text('request_hash').notNull(),
    enteredBy: uuid('entered_by')
      .notNull()
      .references(() => users.id),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('double_check_entries_round_ordinal').on(t.sessionId, t.round, t.ordinal),
    check('double_check_entries_ordinal', sql`${t.ordinal} IN (1, 2)`),
  ],
);

export const CHART_ENTRY_KINDS = [
  'vitals',
  'sedation',
  'dissociation',
  'pain',
  'note',
  'rate-change',
  'adverse-event',
  'alarm',
  'alarm-ack',
] as const;
export type ChartEntryKind = (typeof CHART_ENTRY_KINDS)[number];

export const chartEntries = pgTable(
  'chart_entries',
  {
    /** Client-generated write id (server-generated for alarms, derived from the entry that raised them). */
    id: uuid('id').primaryKey(),
    /** Insertion order, for streaming and stable sorting of entries with equal clinical times. */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => infusionSessions.id),
    kind: text('kind', { enum: CHART_ENTRY_KINDS }).notNull(),
    /** When it happened at the chair (clinical time), not when it reached the server. */
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    /** The validated entry (units in the field names) and, for computed entries, core's result. */
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    requestHash: text('request_hash').notNull(),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('chart_entries_session_time').on(t.sessionId, t.occurredAt),
    // The chair board reads each session's latest entry of each charted item and its pump events
    // and alarms by kind: with this index that read does not grow with the length of the chart.
    index('chart_entries_session_kind_time').on(t.sessionId, t.kind, t.occurredAt, t.seq),
    uniqueIndex('chart_entries_seq').on(t.seq),
  ],
);
