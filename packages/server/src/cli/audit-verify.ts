/**
 * `ketaflow audit verify`: walks the audit hash chain and names the first broken link. Prints the head
 * hash of a good chain so it can be recorded off-box (tail truncation is only visible against such an
 * anchor).
 */
import pg from 'pg';
import { loadConfig } from '../config.ts';
import { verifyAuditChain } from '../audit/verify.ts';
import { parseOptions } from './args.ts';
import { openDatabase } from './database.ts';

export async function auditVerifyCommand(args: readonly string[]): Promise<number> {
  const options = parseOptions(args, { json: { type: 'boolean' } });
  const opened = await openDatabase(loadConfig());
  const client = new pg.Client({ connectionString: opened.url });
  try {
    await client.connect();
    const result = await verifyAuditChain(client);
    if (options.json === true) process.stdout.write(`${JSON.stringify(result)}\n`);
    else if (result.ok) {
      process.stdout.write(
        `audit trail intact: ${String(result.events)} events, head ${result.headHash}\n`,
      );
    } else {
      process.stdout.write(
        `audit trail BROKEN at event ${String(result.seq)} (${result.problem}): ${result.message}\n`,
      );
    }
    return result.ok ? 0 : 2;
  } finally {
    await client.end();
    await opened.close();
  }
}
