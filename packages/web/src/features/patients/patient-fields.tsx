/** The demographic inputs shared by the register and edit forms, grouped as a clinic reads them. */
import { SEXES_AT_BIRTH, USPS_STATE_CODES } from '@ketaflow/contract';
import type { ReactNode } from 'react';
import { SEX_LABELS } from '../../app/format.ts';
import { SelectField, TextField } from '../../components/field.tsx';
import { formKeyOfInput, type PatientFormValues } from './patient-form-model.ts';

type Key = keyof PatientFormValues;

const LABELS: Readonly<Record<Key, string>> = {
  legalGivenName: 'Legal given name',
  legalFamilyName: 'Legal family name',
  preferredName: 'Preferred name',
  dateOfBirth: 'Date of birth',
  sexAtBirth: 'Sex assigned at birth',
  genderIdentity: 'Gender identity',
  mrn: 'MRN',
  phone: 'Phone',
  email: 'Email',
  addressLine1: 'Street address',
  addressLine2: 'Apartment, suite, unit',
  addressCity: 'City',
  addressState: 'State',
  addressPostalCode: 'ZIP code',
  contactName: 'Contact name',
  contactRelationship: 'Relationship',
  contactPhone: 'Contact phone',
};

/** Input labels keyed by API field path, for the form's list of fields to fix. */
export const PATIENT_FIELD_LABELS: Readonly<Record<string, string>> = {
  ...Object.fromEntries(
    Object.entries(LABELS).map(([key, label]) => [formKeyOfInput[key as Key], label]),
  ),
  address: 'Address',
  emergencyContact: 'Emergency contact',
  reason: 'Reason for the change',
  version: 'Record version',
};

export function PatientFields(props: {
  readonly values: PatientFormValues;
  readonly onChange: (values: PatientFormValues) => void;
  /** Server messages keyed by API field path (`dateOfBirth`, `address.city`). */
  readonly errors: Readonly<Record<string, string>>;
}): ReactNode {
  const { values, errors } = props;
  const bind = (key: Key) => ({
    name: formKeyOfInput[key],
    value: values[key],
    error: errors[formKeyOfInput[key]],
    onChange: (value: string) => {
      props.onChange({ ...values, [key]: value });
    },
  });
  const groupError = (group: string): string | undefined => errors[group];
  return (
    <>
      <fieldset>
        <legend>Identity</legend>
        <div className="grid">
          <TextField
            {...bind('legalGivenName')}
            label={LABELS.legalGivenName}
            required
            autoComplete="off"
          />
          <TextField {...bind('legalFamilyName')} label={LABELS.legalFamilyName} required />
          <TextField {...bind('preferredName')} label={LABELS.preferredName} />
          <TextField
            {...bind('dateOfBirth')}
            label={LABELS.dateOfBirth}
            type="date"
            required
            width="short"
          />
          <SelectField
            {...bind('sexAtBirth')}
            label={LABELS.sexAtBirth}
            required
            options={[
              { value: '', label: 'Choose…' },
              ...SEXES_AT_BIRTH.map((s) => ({ value: s, label: SEX_LABELS[s] ?? s })),
            ]}
          />
          <TextField
            {...bind('genderIdentity')}
            label={LABELS.genderIdentity}
            hint="As the patient states it"
          />
          <TextField
            {...bind('mrn')}
            label={LABELS.mrn}
            hint="Capital letters, digits and dashes, e.g. OC-000123"
            required
            width="short"
          />
        </div>
      </fieldset>
      <fieldset>
        <legend>Contact</legend>
        <div className="grid">
          <TextField
            {...bind('phone')}
            label={LABELS.phone}
            hint="+1 and 10 digits, e.g. +17145550123"
            type="tel"
          />
          <TextField {...bind('email')} label={LABELS.email} type="email" />
        </div>
      </fieldset>
      <fieldset
        aria-describedby={groupError('address') === undefined ? undefined : 'address-error'}
      >
        <legend>Address</legend>
        {groupError('address') === undefined ? null : (
          <p className="field-error" id="address-error">
            {groupError('address')}
          </p>
        )}
        <div className="grid">
          <TextField {...bind('addressLine1')} label={LABELS.addressLine1} />
          <TextField {...bind('addressLine2')} label={LABELS.addressLine2} />
          <TextField {...bind('addressCity')} label={LABELS.addressCity} />
          <SelectField
            {...bind('addressState')}
            label={LABELS.addressState}
            options={[
              { value: '', label: 'Choose…' },
              ...USPS_STATE_CODES.map((s) => ({ value: s, label: s })),
            ]}
          />
          <TextField
            {...bind('addressPostalCode')}
            label={LABELS.addressPostalCode}
            hint="92618 or 92618-1234"
            width="short"
          />
        </div>
      </fieldset>
      <fieldset
        aria-describedby={
          groupError('emergencyContact') === undefined ? undefined : 'emergency-contact-error'
        }
      >
        <legend>Emergency contact</legend>
        {groupError('emergencyContact') === undefined ? null : (
          <p className="field-error" id="emergency-contact-error">
            {groupError('emergencyContact')}
          </p>
        )}
        <div className="grid">
          <TextField {...bind('contactName')} label={LABELS.contactName} />
          <TextField
            {...bind('contactRelationship')}
            label={LABELS.contactRelationship}
            hint="e.g. spouse, daughter"
          />
          <TextField
            {...bind('contactPhone')}
            label={LABELS.contactPhone}
            hint="+1 and 10 digits"
            type="tel"
          />
        </div>
      </fieldset>
    </>
  );
}
