/**
 * The patient form's values (strings, as typed) and their translation into API bodies. Nothing is
 * repaired here: values are sent exactly as typed and the server names what is wrong. Empty optional
 * inputs mean "not given" (omitted on create, cleared with null on edit); an address or emergency
 * contact is sent as a whole as soon as any of its inputs is filled, so a missing part is reported
 * by the server against that part (e.g. `address.city`).
 */
import type { Patient, PatientCreate, PatientUpdate } from '@ketaflow/contract';

export interface PatientFormValues {
  mrn: string;
  legalGivenName: string;
  legalFamilyName: string;
  preferredName: string;
  dateOfBirth: string;
  sexAtBirth: string;
  genderIdentity: string;
  phone: string;
  email: string;
  addressLine1: string;
  addressLine2: string;
  addressCity: string;
  addressState: string;
  addressPostalCode: string;
  contactName: string;
  contactRelationship: string;
  contactPhone: string;
}

export const emptyPatientForm: PatientFormValues = {
  mrn: '',
  legalGivenName: '',
  legalFamilyName: '',
  preferredName: '',
  dateOfBirth: '',
  sexAtBirth: '',
  genderIdentity: '',
  phone: '',
  email: '',
  addressLine1: '',
  addressLine2: '',
  addressCity: '',
  addressState: '',
  addressPostalCode: '',
  contactName: '',
  contactRelationship: '',
  contactPhone: '',
};

/** Maps an input name to the API field path the server names in its errors. */
export const formKeyOfInput: Readonly<Record<keyof PatientFormValues, string>> = {
  mrn: 'mrn',
  legalGivenName: 'legalGivenName',
  legalFamilyName: 'legalFamilyName',
  preferredName: 'preferredName',
  dateOfBirth: 'dateOfBirth',
  sexAtBirth: 'sexAtBirth',
  genderIdentity: 'genderIdentity',
  phone: 'phone',
  email: 'email',
  addressLine1: 'address.line1',
  addressLine2: 'address.line2',
  addressCity: 'address.city',
  addressState: 'address.state',
  addressPostalCode: 'address.postalCode',
  contactName: 'emergencyContact.name',
  contactRelationship: 'emergencyContact.relationship',
  contactPhone: 'emergencyContact.phone',
};

export function formFromPatient(p: Patient): PatientFormValues {
  return {
    mrn: p.mrn,
    legalGivenName: p.legalGivenName,
    legalFamilyName: p.legalFamilyName,
    preferredName: p.preferredName ?? '',
    dateOfBirth: p.dateOfBirth,
    sexAtBirth: p.sexAtBirth,
    genderIdentity: p.genderIdentity ?? '',
    phone: p.phone ?? '',
    email: p.email ?? '',
    addressLine1: p.address?.line1 ?? '',
    addressLine2: p.address?.line2 ?? '',
    addressCity: p.address?.city ?? '',
    addressState: p.address?.state ?? '',
    addressPostalCode: p.address?.postalCode ?? '',
    contactName: p.emergencyContact?.name ?? '',
    contactRelationship: p.emergencyContact?.relationship ?? '',
    contactPhone: p.emergencyContact?.phone ?? '',
  };
}

type Json = string | { readonly [key: string]: string };

/** The address as typed, or undefined when every address input is empty. */
function addressOf(v: PatientFormValues): Record<string, string> | undefined {
  const parts = [
    v.addressLine1,
    v.addressLine2,
    v.addressCity,
    v.addressState,
    v.addressPostalCode,
  ];
  if (parts.every((p) => p === '')) return undefined;
  return {
    line1: v.addressLine1,
    ...(v.addressLine2 === '' ? {} : { line2: v.addressLine2 }),
    city: v.addressCity,
    state: v.addressState,
    postalCode: v.addressPostalCode,
  };
}

function contactOf(v: PatientFormValues): Record<string, string> | undefined {
  if (v.contactName === '' && v.contactRelationship === '' && v.contactPhone === '') {
    return undefined;
  }
  return { name: v.contactName, relationship: v.contactRelationship, phone: v.contactPhone };
}

/** Field → value as the API would receive it, undefined meaning "not given". */
function apiFields(v: PatientFormValues): Record<string, Json | undefined> {
  const text = (s: string): string | undefined => (s === '' ? undefined : s);
  return {
    mrn: v.mrn,
    legalGivenName: v.legalGivenName,
    legalFamilyName: v.legalFamilyName,
    preferredName: text(v.preferredName),
    dateOfBirth: v.dateOfBirth,
    sexAtBirth: v.sexAtBirth,
    genderIdentity: text(v.genderIdentity),
    phone: text(v.phone),
    email: text(v.email),
    address: addressOf(v),
    emergencyContact: contactOf(v),
  };
}

/**
 * The POST body: required fields always sent (empty ones too, so the server names them), optional
 * fields only when given. The cast is safe because the server validates the body with the same
 * schema and answers 400 naming each field that does not fit.
 */
export function toCreateBody(v: PatientFormValues): PatientCreate {
  const body: Record<string, Json> = {};
  for (const [key, value] of Object.entries(apiFields(v))) {
    if (value !== undefined) body[key] = value;
  }
  return body as unknown as PatientCreate;
}

const sameJson = (a: Json | undefined, b: Json | undefined): boolean =>
  JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The PATCH body: the edited version, the reason, and only the fields whose value changed (a cleared
 * optional field is sent as null). Returns the list of changed fields too, for the form to show.
 */
export function toUpdateBody(
  original: PatientFormValues,
  edited: PatientFormValues,
  version: number,
  reason: string,
): { body: PatientUpdate; changed: string[] } {
  const before = apiFields(original);
  const after = apiFields(edited);
  const body: Record<string, Json | number | null> = { version, reason };
  const changed: string[] = [];
  for (const [key, value] of Object.entries(after)) {
    if (sameJson(before[key], value)) continue;
    changed.push(key);
    body[key] = value ?? null;
  }
  return { body: body as unknown as PatientUpdate, changed };
}
