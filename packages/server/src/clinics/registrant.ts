/**
 * The clinic as the registrant its DEA records name (21 CFR 1304.04(a), 1304.11): its name, its
 * postal address on one line and its DEA registration number, each as the clinic record holds it.
 * Address and number are null while the record has none, so a report can say so instead of
 * leaving them out.
 */
import type { PostalAddress } from '@ketaflow/contract';
import { eq } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { clinics } from './schema.ts';

export interface Registrant {
  readonly name: string;
  readonly address: string | null;
  readonly deaNumber: string | null;
}

/** One line, as printed on a record: "1 Main St, Suite 2, Irvine, CA 92618". */
export function postalAddressLine(address: PostalAddress): string {
  const street = address.line2 === undefined ? [address.line1] : [address.line1, address.line2];
  return [...street, address.city, `${address.state} ${address.postalCode}`].join(', ');
}

export async function clinicRegistrant(tx: Tx, clinicId: string): Promise<Registrant> {
  const [row] = await tx
    .select({ name: clinics.name, address: clinics.address, deaNumber: clinics.deaNumber })
    .from(clinics)
    .where(eq(clinics.id, clinicId));
  const address = row?.address ?? null;
  return {
    name: row?.name ?? '',
    address: address === null ? null : postalAddressLine(address),
    deaNumber: row?.deaNumber ?? null,
  };
}
