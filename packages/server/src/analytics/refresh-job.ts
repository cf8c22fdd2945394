/**
 * Keeps `cohort_rows` current from the clinic's real records: every clinic's stale courses (see
 * cohort-refresh.ts) are recomputed by core. `ketaflow serve` runs it as a periodic job, so a
 * discharge reaches the analytics without anyone running a command; `ketaflow analytics refresh`
 * runs the same pass once (with --all, every course).
 */
import type { Clock } from '../auth/clock.ts';
import { clinics } from '../clinics/schema.ts';
import type { Db } from '../db/client.ts';
import { startPeriodicJob, type PeriodicJob, type TimerFunctions } from '../jobs/periodic-job.ts';
import { refreshCohortRows, type RefreshCounts } from './cohort-refresh.ts';

/** One refresh pass over every clinic; `who` names the runner in the audit events. */
export async function refreshEveryClinic(
  db: Db,
  options: { readonly now: Date; readonly all: boolean; readonly who: string },
): Promise<RefreshCounts> {
  let refreshed = 0;
  let skipped = 0;
  for (const clinic of await db.select({ id: clinics.id }).from(clinics)) {
    const counts = await refreshCohortRows(db, {
      clinicId: clinic.id,
      now: options.now,
      all: options.all,
      audit: {
        userId: null,
        role: null,
        clinicId: clinic.id,
        sourceIp: null,
        requestId: options.who,
      },
    });
    refreshed += counts.refreshed;
    skipped += counts.skipped;
  }
  return { refreshed, skipped };
}

export interface CohortRefreshJobOptions {
  readonly db: Db;
  readonly clock: Clock;
  readonly intervalMs: number;
  readonly onCycle?: (outcome: { counts: RefreshCounts } | { error: unknown }) => void;
  readonly timers?: TimerFunctions;
}

/** Refreshes stale cohort rows at once, then `intervalMs` after the end of each pass. */
export function startCohortRefreshJob(options: CohortRefreshJobOptions): PeriodicJob {
  const { db, ...job } = options;
  return startPeriodicJob({
    ...job,
    run: (now) => refreshEveryClinic(db, { now, all: false, who: 'worker:analytics-refresh' }),
  });
}
