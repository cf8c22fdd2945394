/**
 * `ketaflow serve`: opens the database (embedded by default), migrates, creates the first clinic and
 * admin on a fresh install, optionally loads the demo clinic, and serves the API and the web app (with
 * the outbox worker every KETAFLOW_OUTBOX_INTERVAL_S seconds and the cohort-row refresh every
 * KETAFLOW_ANALYTICS_REFRESH_INTERVAL_S) until SIGINT/SIGTERM, then stops the jobs and shuts down cleanly (the embedded PostgreSQL writes its shutdown checkpoint).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config.ts';
import { buildApp, logSerializers } from '../http/app.ts';
import { recordOnlyAdapter } from '../outbox/delivery-adapter.ts';
import { startOutboxWorker } from '../outbox/worker.ts';
import { startCohortRefreshJob } from '../analytics/refresh-job.ts';
import { parseOptions } from './args.ts';
import { bootstrapFirstRun } from './bootstrap.ts';
import { openDatabase } from './database.ts';
import { DEMO_PASSWORD, loadDemo } from './demo.ts';
import { buildWeb, WEB_ROOT, webIsStale } from './web-build.ts';

export async function serveCommand(args: readonly string[]): Promise<number> {
  const options = parseOptions(args, {
    demo: { type: 'boolean' },
    'build-web': { type: 'boolean' },
  });
  const config = loadConfig();
  if (options['build-web'] === true && webIsStale()) buildWeb();
  const opened = await openDatabase(config);
  try {
    const firstRun = await bootstrapFirstRun(opened.database);
    if (options.demo === true) await loadDemo(opened.database, { patients: 40 });
    const webRoot = existsSync(join(WEB_ROOT, 'index.html')) ? WEB_ROOT : undefined;
    const app = await buildApp({
      database: opened.database,
      logger: { level: config.logLevel, serializers: logSerializers },
      publicOrigins: config.publicOrigins,
      ...(webRoot === undefined ? {} : { webRoot }),
    });
    await app.listen({ port: config.port, host: config.host });
    const worker =
      config.outboxIntervalS === 0
        ? null
        : startOutboxWorker({
            db: opened.database.db,
            adapter: recordOnlyAdapter,
            clock: app.clock,
            intervalMs: config.outboxIntervalS * 1000,
            // Counts only: the outbox holds patient ids, which stay out of the logs.
            onCycle: (outcome) => {
              if ('error' in outcome) app.log.error({ err: outcome.error }, 'outbox cycle failed');
              else app.log.debug({ outbox: outcome.counts }, 'outbox cycle');
            },
          });
    const cohortRefresh =
      config.analyticsRefreshIntervalS === 0
        ? null
        : startCohortRefreshJob({
            db: opened.database.db,
            clock: app.clock,
            intervalMs: config.analyticsRefreshIntervalS * 1000,
            onCycle: (outcome) => {
              if ('error' in outcome)
                app.log.error({ err: outcome.error }, 'cohort refresh failed');
              else app.log.debug({ cohortRefresh: outcome.counts }, 'cohort refresh');
            },
          });
    const address = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${String(config.port)}`;
    process.stdout.write(
      `\nKetaflow is running at ${address} (${opened.description}).\n` +
        (webRoot === undefined
          ? 'The web app is not built: run `npm run build` or `npm start`.\n'
          : '') +
        (firstRun === null
          ? ''
          : `\nFirst start: created clinic "${firstRun.clinicName}" and its administrator.\n` +
            `  Sign in at ${address} as ${firstRun.email} with the one-time password ${firstRun.oneTimePassword}\n` +
            '  (you will choose a new password and enrol an authenticator app at first sign-in).\n') +
        (options.demo === true
          ? '\nDemo clinic loaded: sign in as admin@demo.example.org (or prescriber@, nurse@, coordinator@, ' +
            `researcher@demo.example.org) with the password "${DEMO_PASSWORD}".\n`
          : ''),
    );
    await new Promise<void>((resolveStop) => {
      const stop = (): void => {
        resolveStop();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await worker?.stop();
    await cohortRefresh?.stop();
    await app.close();
    return 0;
  } finally {
    await opened.close();
  }
}
