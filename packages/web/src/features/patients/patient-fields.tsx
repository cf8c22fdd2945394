/** The demographic inputs shared by the register and edit forms, grouped as a clinic reads them. */
import { SEXES_AT_BIRTH, USPS_STATE_CODES } from '@ketaflow/contract';
import type { ReactNode } from 'react';
import { SEX_LABELS } from '../../app/format.ts';
import { SelectField, TextField } from '../../components/field.tsx';
import { formKeyOfInput, type PatientFormValues } from './patient-form-model.ts';

type Key = keyof PatientFormValues;

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
            label="Legal given name"
            required
            autoComplete="off"
          />
          <TextField {...bind('legalFamilyName')} label="Legal family name" required />
          <TextField {...bind('preferredName')} label="Preferred name" />
          <TextField
            {...bind('dateOfBirth')}
            label="Date of birth"
            type="date"
            required
            width="short"
          />
          <SelectField
            {...bind('sexAtBirth')}
            label="Sex assigned at birth"
            required
            options={[
              { value: '', label: 'Choose…' },
              ...SEXES_AT_BIRTH.map((s) => ({ value: s, label: SEX_LABELS[s] ?? s })),
            ]}
          />
          <TextField
            {...bind('genderIdentity')}
            label="Gender identity"
            hint="As the patient states it"
          />
          <TextField
            {...bind('mrn')}
            label="MRN"
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
            label="Phone"
            hint="+1 and 10 digits, e.g. +17145550123"
            type="tel"
          />
          <TextField {...bind('email')} label="Email" type="email" />
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
          <TextField {...bind('addressLine1')} label="Street address" />
          <TextField {...bind('addressLine2')} label="Apartment, suite, unit" />
          <TextField {...bind('addressCity')} label="City" />
          <SelectField
            {...bind('addressState')}
            label="State"
            options={[
              { value: '', label: 'Choose…' },
              ...USPS_STATE_CODES.map((s) => ({ value: s, label: s })),
            ]}
          />
          <TextField
            {...bind('addressPostalCode')}
            label="ZIP code"
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
          <TextField {...bind('contactName')} label="Contact name" />
          <TextField
            {...bind('contactRelationship')}
            label="Relationship"
            hint="e.g. spouse, daughter"
          />
          <TextField
            {...bind('contactPhone')}
            label="Contact phone"
            hint="+1 and 10 digits"
            type="tel"
          />
        </div>
      </fieldset>
    </>
  );
}
