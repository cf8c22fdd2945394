/** `ketaflow migrate`: applies pending migrations (also done by `serve` at every start) and exits. */
import { loadConfig } from '../config.ts';
import { parseOptions } from './args.ts';
import { openDatabase } from './database.ts';

export async function migrateCommand(args: readonly string[]): Promise<number> {
  parseOptions(args, {});
  const opened = await openDatabase(loadConfig());
  await opened.close();
  process.stdout.write(`database is up to date (${opened.description})\n`);
  return 0;
}
