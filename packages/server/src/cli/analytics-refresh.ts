/**
 * `ketaflow analytics refresh [--all]`: recomputes the cohort rows of every clinic from its records
 * (courses discharged, charted or with changed medication lines or diaries since their row was
 * computed; with --all every course, since durable relief is censored at today). Run it after a
 * clinic day, e.g. from cron; prints how many courses were refreshed. Audited per batch.
 */
import { refreshCohortRows } from '../analytics/cohort-refresh.ts';
import { clinics } from '../clinics/schema.ts';
import { loadConfig } from '../config.ts';
import { parseOptions } from './args.ts';
import { openDatabase } from './database.ts';

export async function analyticsRefreshCommand(args: readonly string[]): Promise<number> {
  const options = parseOptions(args, { all: { type: 'boolean' } });
  const opened = await openDatabase(loadConfig());
  try {
    const db = opened.database.db;
    let refreshed = 0;
    let skipped = 0;
    for (const clinic of await db.select({ id: clinics.id }).from(clinics)) {
      const counts = await refreshCohortRows(db, {
        clinicId: clinic.id,
        now: new Date(),
        all: options.all === true,
        audit: {
          userId: null,
          role: null,
          clinicId: clinic.id,
          sourceIp: null,
          requestId: 'cli:analytics-refresh',
        },
      });
      refreshed += counts.refreshed;
      skipped += counts.skipped;
    }
    process.stdout.write(
      `cohort rows refreshed: ${String(refreshed)} courses (${String(skipped)} without a row: no diagnosis or refused inputs)\n`,
    );
    return 0;
  } finally {
    await opened.close();
  }
}
