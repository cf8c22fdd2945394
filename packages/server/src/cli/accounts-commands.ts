/**
 * `ketaflow user create`: after `clinic create` (clinic-commands.ts), the first step of a real
 * install, from the command line of the server. It prints a one-time password that must be changed
 * at first sign-in.
 */
import { eq } from 'drizzle-orm';
import { ROLES, type Role } from '../access/permissions.ts';
import { clinics } from '../clinics/schema.ts';
import { loadConfig } from '../config.ts';
import { DomainError } from '../http/errors.ts';
import { createUser } from '../users/accounts.ts';
import { parseOptions, required, UsageError } from './args.ts';
import { openDatabase } from './database.ts';

const asUsage = (error: unknown): never => {
  if (error instanceof DomainError) {
    throw new UsageError(
      `${error.field?.replace(/^body\./, '--') ?? error.code}: ${error.message}`,
    );
  }
  throw error;
};

export async function userCreateCommand(args: readonly string[]): Promise<number> {
  const options = parseOptions(args, {
    email: { type: 'string' },
    role: { type: 'string' },
    clinic: { type: 'string' },
    name: { type: 'string' },
  });
  const email = required(options.email, 'email', 'nurse@clinic.example');
  const role = required(options.role, 'role', 'nurse');
  if (!(ROLES as readonly string[]).includes(role) || role === 'patient') {
    throw new UsageError(
      `--role must be one of ${ROLES.filter((r) => r !== 'patient').join(', ')} (patients are invited from the web app)`,
    );
  }
  const clinicId = required(options.clinic, 'clinic', '<clinic id from `ketaflow clinic create`>');
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(clinicId)) {
    throw new UsageError(
      '--clinic must be a clinic id (a UUID) as printed by `ketaflow clinic create`',
    );
  }
  const opened = await openDatabase(loadConfig());
  try {
    const [clinic] = await opened.database.db
      .select({ id: clinics.id })
      .from(clinics)
      .where(eq(clinics.id, clinicId));
    if (clinic === undefined) throw new UsageError(`--clinic: no clinic with id ${clinicId}`);
    const { user, oneTimePassword } = await createUser(opened.database.db, {
      email,
      displayName: options.name ?? email,
      role: role as Role,
      clinicId,
    }).catch(asUsage);
    process.stdout.write(
      `created ${user.role} ${user.email} in clinic ${clinicId}\n` +
        `one-time password (shown once; must be changed at first sign-in): ${oneTimePassword}\n`,
    );
    return 0;
  } finally {
    await opened.close();
  }
}
