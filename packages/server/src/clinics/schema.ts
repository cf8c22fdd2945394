/** Clinics (sites): every record in Ketaflow belongs to exactly one. */
import type { PostalAddress } from '@ketaflow/contract';
import { jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const clinics = pgTable('clinics', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  /** IANA zone of the clinic's wall clock, e.g. America/Los_Angeles. */
  timeZone: text('time_zone').notNull(),
  /** The registrant's postal address on DEA records (21 CFR 1304.04); null until entered. */
  address: jsonb('address').$type<PostalAddress>(),
  /** The DEA registration number (checked by core's checkDeaNumber); null until entered. */
  deaNumber: text('dea_number'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
