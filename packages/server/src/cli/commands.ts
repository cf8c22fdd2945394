/** The table of `ketaflow` commands. */
import { auditVerifyCommand } from './audit-verify.ts';
import { migrateCommand } from './migrate.ts';
import { serveCommand } from './serve.ts';

export interface Command {
  readonly summary: string;
  run(args: readonly string[]): Promise<number>;
}

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
  'audit verify': {
    summary:
      'audit verify [--json]          check the audit hash chain; names the first broken link',
    run: auditVerifyCommand,
  },
};

export function usage(): string {
  const lines = Object.values(commands).map((c) => `  ketaflow ${c.summary}`);
  return `usage:\n${lines.join('\n')}\n`;
}
