/**
 * Database privileges, applied after every migration run: the application connects as APP_ROLE, which
 * may read and write ordinary tables but only INSERT and SELECT the append-only ones (audit trail,
 * controlled-substance ledger, clinical histories). A trigger also refuses UPDATE, DELETE and TRUNCATE
 * on them for everyone, so tampering needs a superuser who disables triggers — and the hash chains
 * then reveal it.
 */
import type pg from 'pg';

export const APP_ROLE = 'ketaflow_app';

/**
 * Tables whose rows are never changed or removed. Feature folders add their append-only tables here
 * (ledger entries, chart entries, record versions …).
 */
export const APPEND_ONLY_TABLES: readonly string[] = [
  'audit_events',
  'patient_versions',
  'intake_versions',
  'weight_measurements',
  'screening_decisions',
  'consent_texts',
  'consent_records',
  'consent_revocations',
  'orders',
  'session_transitions',
  'double_check_entries',
  'chart_entries',
  'patient_medications',
  'research_consents',
  'research_ids',
  'ledger_entries',
  'questionnaire_responses',
  'course_questionnaire_schedule_versions',
  'outbox_delivery_attempts',
  'portal_consent_attestations',
];

const quote = (identifier: string): string => `"${identifier.replaceAll('"', '""')}"`;

export async function hardenDatabase(client: pg.ClientBase): Promise<void> {
  // Roles are cluster-wide: several databases of one server (tests) may race to create it.
  try {
    await client.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
        CREATE ROLE ${APP_ROLE} NOLOGIN;
      END IF;
    END $$`);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== '42710' && code !== '23505') throw error;
  }
  await client.query(`GRANT ${APP_ROLE} TO CURRENT_USER`).catch(() => undefined);
  await client.query(`GRANT USAGE ON SCHEMA public TO ${APP_ROLE}`);
  await client.query(
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${APP_ROLE}`,
  );
  await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${APP_ROLE}`);
  await client
    .query(`REVOKE ALL ON ALL TABLES IN SCHEMA drizzle FROM ${APP_ROLE}`)
    .catch(() => undefined);
  await client.query(`CREATE OR REPLACE FUNCTION ketaflow_refuse_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'rows of % are append-only', TG_TABLE_NAME USING ERRCODE = '42501';
    END $$`);
  for (const table of APPEND_ONLY_TABLES) {
    const exists = await client.query('SELECT to_regclass($1) AS oid', [`public.${table}`]);
    if ((exists.rows[0] as { oid: string | null } | undefined)?.oid == null) continue;
    await client.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${quote(table)} FROM ${APP_ROLE}`);
    await client.query(
      `DROP TRIGGER IF EXISTS ${quote(`${table}_append_only`)} ON ${quote(table)}`,
    );
    await client.query(
      `CREATE TRIGGER ${quote(`${table}_append_only`)} BEFORE UPDATE OR DELETE ON ${quote(table)}
       FOR EACH ROW EXECUTE FUNCTION ketaflow_refuse_change()`,
    );
    await client.query(
      `DROP TRIGGER IF EXISTS ${quote(`${table}_no_truncate`)} ON ${quote(table)}`,
    );
    await client.query(
      `CREATE TRIGGER ${quote(`${table}_no_truncate`)} BEFORE TRUNCATE ON ${quote(table)}
       FOR EACH STATEMENT EXECUTE FUNCTION ketaflow_refuse_change()`,
    );
  }
}
