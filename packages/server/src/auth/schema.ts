/** Server-side sign-in sessions. The cookie holds a random token; the table holds only its hash. */
import { boolean, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { clinics } from '../clinics/schema.ts';
import { users } from '../users/schema.ts';

export const authSessions = pgTable(
  'auth_sessions',
  {
    /** SHA-256 (hex) of the session token. */
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    /** Clinic chosen with the clinic switcher; null until the user has a membership. */
    activeClinicId: uuid('active_clinic_id').references(() => clinics.id),
    /** Synchroniser token echoed in the X-CSRF-Token header of every state-changing request. */
    csrfToken: text('csrf_token').notNull(),
    /** Password accepted; MFA still pending when false. */
    mfaPassed: boolean('mfa_passed').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    /** Absolute end of the session (12 h after sign-in). */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endedReason: text('ended_reason'),
  },
  (t) => [index('auth_sessions_user').on(t.userId)],
);
