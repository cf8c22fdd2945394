/**
 * `ketaflow ledger verify`: walks every clinic's controlled-substance ledger chain and names the first
 * broken link (gap, reordering, altered entry, or a chain that no longer matches its audit anchors).
 */
import pg from 'pg';
import { loadConfig } from '../config.ts';
import { verifyLedgerChain } from '../ledger/verify.ts';
import { parseOptions } from './args.ts';
import { openDatabase } from './database.ts';

export async function ledgerVerifyCommand(args: readonly string[]): Promise<number> {
  const options = parseOptions(args, { json: { type: 'boolean' } });
  const opened = await openDatabase(loadConfig());
  const client = new pg.Client({ connectionString: opened.url });
  try {
    await client.connect();
    const result = await verifyLedgerChain(client);
    if (options.json === true) process.stdout.write(`${JSON.stringify(result)}\n`);
    else if (result.ok) process.stdout.write(`ledger intact: ${String(result.entries)} entries\n`);
    else {
      process.stdout.write(
        `ledger BROKEN in clinic ${result.clinicId} at entry ${String(result.seq)} (${result.problem}): ${result.message}\n`,
      );
    }
    return result.ok ? 0 : 2;
  } finally {
    await client.end();
    await opened.close();
  }
}
