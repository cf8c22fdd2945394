/**
 * `ketaflow analytics refresh [--all]`: recomputes the cohort rows of every clinic from its records
 * (courses discharged, charted or with changed medication lines or diaries since their row was
 * computed; with --all every course, since durable relief is censored at today). `ketaflow serve`
 * already refreshes stale rows periodically; this runs a pass at once. Audited per batch.
 */
import { refreshEveryClinic } from '../analytics/refresh-job.ts';
import { loadConfig } from '../config.ts';
import { parseOptions } from './args.ts';
import { openDatabase } from './database.ts';

export async function analyticsRefreshCommand(args: readonly string[]): Promise<number> {
  const options = parseOptions(args, { all: { type: 'boolean' } });
  const opened = await openDatabase(loadConfig());
  try {
    const { refreshed, skipped } = await refreshEveryClinic(opened.database.db, {
      now: new Date(),
      all: options.all === true,
      who: 'cli:analytics-refresh',
    });
    process.stdout.write(
      `cohort rows refreshed: ${String(refreshed)} courses (${String(skipped)} without a row: no diagnosis or refused inputs)\n`,
    );
    return 0;
  } finally {
    await opened.close();
  }
}
