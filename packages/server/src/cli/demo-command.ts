/**
 * `ketaflow demo [--patients N]`: loads the fictional demo clinic with a synthetic registry of N
 * patients (default 40) into the database, printing progress per batch on stderr.
 */
import { loadConfig } from '../config.ts';
import { parseOptions, UsageError } from './args.ts';
import { openDatabase } from './database.ts';
import { DEMO_CLINIC_NAME, DEMO_PASSWORD, DEMO_STAFF, loadDemo } from './demo.ts';

export async function demoCommand(args: readonly string[]): Promise<number> {
  const options = parseOptions(args, { patients: { type: 'string' } });
  const raw = options.patients ?? '40';
  if (!/^[1-9][0-9]{0,5}$/.test(raw))
    throw new UsageError('--patients must be a whole number from 1 to 999999');
  const opened = await openDatabase(loadConfig());
  try {
    const result = await loadDemo(opened.database, {
      patients: Number(raw),
      onProgress: (loaded) => {
        process.stderr.write(
          `loaded ${String(loaded.patients)} patients (${String(loaded.sessions)} sessions)\n`,
        );
      },
    });
    process.stdout.write(
      `${result.created ? 'loaded' : 'already present:'} "${DEMO_CLINIC_NAME}"\n` +
        `demo accounts (password "${DEMO_PASSWORD}"; admin and prescriber enrol an authenticator at first sign-in):\n` +
        DEMO_STAFF.map((s) => `  ${s.role.padEnd(12)} ${s.email}`).join('\n') +
        '\n',
    );
    return 0;
  } finally {
    await opened.close();
  }
}
