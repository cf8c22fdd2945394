/**
 * `ketaflow audit verify`: walks every audit hash chain and names the first broken link. Prints one
 * digest of all chain heads for a good trail so it can be recorded off-box (a superuser who also
 * rewrites the heads is only visible against such an anchor).
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
        `audit trail BROKEN at event ${String(result.seq)} of chain ${String(result.chain)} (${result.problem}): ${result.message}\n`,
      );
    }
    return result.ok ? 0 : 2;
  } finally {
    await client.end();
    await opened.close();
  }
}
