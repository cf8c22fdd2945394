/**
 * `ketaflow clinic create`, `clinic update` and `clinic list`: a clinic (site) and the registrant
 * fields its DEA records name, its postal address and DEA registration number (21 CFR 1304.04,
 * 1304.11). Run by the operator on the server (the administrator of the install); each change is
 * audited. A refused value is one line naming the option. `list` shows the ids `update` needs (the
 * clinic created at first start prints none).
 */
import type { Clinic, PostalAddress } from '@ketaflow/contract';
import { asc } from 'drizzle-orm';
import { clinics } from '../clinics/schema.ts';
import { createClinic, updateClinic } from '../clinics/service.ts';
import { loadConfig } from '../config.ts';
import { DomainError } from '../http/errors.ts';
import { parseOptions, required, UsageError } from './args.ts';
import { openDatabase } from './database.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const REGISTRANT_OPTIONS = {
  'address-line1': { type: 'string' },
  'address-line2': { type: 'string' },
  'address-city': { type: 'string' },
  'address-state': { type: 'string' },
  'address-postal-code': { type: 'string' },
  'dea-number': { type: 'string' },
} as const;

/** body.address.postalCode → --address-postal-code: the option the user typed. */
const optionOf = (field: string): string =>
  `--${field
    .replace(/^body\.?/, '')
    .replaceAll('.', '-')
    .replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

const asUsage = (error: unknown): never => {
  if (error instanceof DomainError) {
    const message = error.message.replace(/^body\.[\w.]+: /, '');
    throw new UsageError(
      `${error.field === undefined ? error.code : optionOf(error.field)}: ${message}`,
    );
  }
  throw error;
};

type RegistrantValues = { readonly [K in keyof typeof REGISTRANT_OPTIONS]?: string };

/**
 * The address options as one address, or undefined when none is given. A partial address is passed
 * on as it is: the service's parse refuses it naming the missing part (hence the casts below).
 */
function addressOf(values: RegistrantValues): Partial<PostalAddress> | undefined {
  const address = {
    line1: values['address-line1'],
    line2: values['address-line2'],
    city: values['address-city'],
    state: values['address-state'],
    postalCode: values['address-postal-code'],
  };
  const given = Object.entries(address).filter(([, v]) => v !== undefined);
  return given.length === 0 ? undefined : Object.fromEntries(given);
}

function clinicLine(clinic: Clinic): string {
  const address = clinic.address === null ? 'no address' : 'address on file';
  const dea = clinic.deaNumber === null ? 'no DEA number' : `DEA ${clinic.deaNumber}`;
  return `clinic ${clinic.id} "${clinic.name}" (${clinic.timeZone}; ${address}; ${dea})`;
}

function printClinic(verb: string, clinic: Clinic): void {
  process.stdout.write(`${verb} ${clinicLine(clinic)}\n`);
}

export async function clinicListCommand(args: readonly string[]): Promise<number> {
  parseOptions(args, {});
  const opened = await openDatabase(loadConfig());
  try {
    const rows = await opened.database.db
      .select({
        id: clinics.id,
        name: clinics.name,
        timeZone: clinics.timeZone,
        address: clinics.address,
        deaNumber: clinics.deaNumber,
      })
      .from(clinics)
      .orderBy(asc(clinics.createdAt), asc(clinics.id));
    for (const clinic of rows) process.stdout.write(`${clinicLine(clinic)}\n`);
    return 0;
  } finally {
    await opened.close();
  }
}

export async function clinicCreateCommand(args: readonly string[]): Promise<number> {
  const options = parseOptions(args, {
    name: { type: 'string' },
    'time-zone': { type: 'string' },
    ...REGISTRANT_OPTIONS,
  });
  const name = required(options.name, 'name', '"Harbor Infusion Clinic"');
  const timeZone = options['time-zone'] ?? 'America/Los_Angeles';
  const input = {
    name,
    timeZone,
    address: addressOf(options) as PostalAddress | undefined,
    deaNumber: options['dea-number'],
  };
  const opened = await openDatabase(loadConfig());
  try {
    printClinic('created', await createClinic(opened.database.db, input).catch(asUsage));
    return 0;
  } finally {
    await opened.close();
  }
}

export async function clinicUpdateCommand(args: readonly string[]): Promise<number> {
  const options = parseOptions(args, {
    clinic: { type: 'string' },
    ...REGISTRANT_OPTIONS,
    'clear-address': { type: 'boolean' },
    'clear-dea-number': { type: 'boolean' },
  });
  const clinicId = required(options.clinic, 'clinic', '<clinic id from `ketaflow clinic create`>');
  if (!UUID.test(clinicId)) {
    throw new UsageError(
      '--clinic must be a clinic id (a UUID) as printed by `ketaflow clinic create`',
    );
  }
  const address = addressOf(options);
  const deaNumber = options['dea-number'];
  if (options['clear-address'] === true && address !== undefined) {
    throw new UsageError('--clear-address: give either --clear-address or --address-* options');
  }
  if (options['clear-dea-number'] === true && deaNumber !== undefined) {
    throw new UsageError('--clear-dea-number: give either --clear-dea-number or --dea-number');
  }
  const input = {
    address: options['clear-address'] === true ? null : (address as PostalAddress | undefined),
    deaNumber: options['clear-dea-number'] === true ? null : deaNumber,
  };
  if (input.address === undefined && input.deaNumber === undefined) {
    throw new UsageError(
      'give at least one of --address-line1/--address-city/--address-state/--address-postal-code, ' +
        '--dea-number, --clear-address, --clear-dea-number',
    );
  }
  const opened = await openDatabase(loadConfig());
  try {
    const clinic = await updateClinic(opened.database.db, clinicId, input).catch(
      (error: unknown) => {
        if (error instanceof DomainError && error.status === 404) {
          throw new UsageError(`--clinic: no clinic with id ${clinicId}`);
        }
        return asUsage(error);
      },
    );
    printClinic('updated', clinic);
    return 0;
  } finally {
    await opened.close();
  }
}
