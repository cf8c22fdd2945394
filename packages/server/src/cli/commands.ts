/** The table of `ketaflow` commands. */
import { userCreateCommand } from './accounts-commands.ts';
import { analyticsRefreshCommand } from './analytics-refresh.ts';
import { auditVerifyCommand } from './audit-verify.ts';
import { clinicCreateCommand, clinicListCommand, clinicUpdateCommand } from './clinic-commands.ts';
import { clinicalCommands } from './clinical-commands.ts';
import type { Command } from './command.ts';
import { demoCommand } from './demo-command.ts';
import { ledgerVerifyCommand } from './ledger-verify.ts';
import { migrateCommand } from './migrate.ts';
import { serveCommand } from './serve.ts';

export type { Command } from './command.ts';

export const commands: Readonly<Record<string, Command>> = {
  serve: {
    summary:
      'serve [--demo] [--build-web]   run the server (embedded PostgreSQL unless DATABASE_URL)',
    run: serveCommand,
  },
  migrate: {
    summary: 'migrate                        apply database migrations',
    run: migrateCommand,
  },
  'clinic create': {
    summary:
      'clinic create --name N [--time-zone Z] [address, DEA number as for update]   create a clinic (site); default zone America/Los_Angeles',
    run: clinicCreateCommand,
  },
  'clinic update': {
    summary:
      'clinic update --clinic ID [--address-line1 … --address-postal-code P] [--dea-number D]   set the registrant fields of DEA records',
    run: clinicUpdateCommand,
  },
  'clinic list': {
    summary: 'clinic list                    ids, names and registrant fields of every clinic',
    run: clinicListCommand,
  },
  'user create': {
    summary: 'user create --email E --role R --clinic ID [--name N]   prints a one-time password',
    run: userCreateCommand,
  },
  demo: {
    summary: 'demo [--patients N]            load the fictional Orange County demo clinic',
    run: demoCommand,
  },
  'audit verify': {
    summary:
      'audit verify [--json]          check the audit hash chain; names the first broken link',
    run: auditVerifyCommand,
  },
  'analytics refresh': {
    summary: 'analytics refresh [--all]      recompute stale cohort rows from the clinic records',
    run: analyticsRefreshCommand,
  },
  'ledger verify': {
    summary: 'ledger verify [--json]         check the controlled-substance ledger chains',
    run: ledgerVerifyCommand,
  },
  ...clinicalCommands,
};

export function usage(): string {
  const lines = Object.values(commands).map((c) => `  ketaflow ${c.summary}`);
  return `usage:\n${lines.join('\n')}\n`;
}
