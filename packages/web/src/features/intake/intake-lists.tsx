/**
 * The intake form's lists (diagnoses, prior treatments, medications): rows grow and shrink with
 * buttons, and each input is named by the API path the server names in its problem
 * (`sections.diagnoses.0.code`), so a refusal lands on the input it is about.
 */
import { TREATMENT_CLASSES, TREATMENT_STOP_REASONS } from '@ketaflow/contract';
import type { ReactNode } from 'react';
import { SelectField, TextField } from '../../components/field.tsx';
import { emptyDiagnosis, emptyMedication, emptyTreatment } from './intake-form-model.ts';
import { options, type SectionProps } from './intake-sections.tsx';

/** Replaces row `i` of a list with `change(row)`. */
const updateRow = <T,>(rows: readonly T[], i: number, change: (row: T) => T): T[] =>
  rows.map((row, j) => (j === i ? change(row) : row));

function RemoveButton(props: { readonly label: string; readonly onRemove: () => void }): ReactNode {
  return (
    <button type="button" className="button" onClick={props.onRemove}>
      Remove {props.label}
    </button>
  );
}

export function DiagnosesSection({ values, set, errors }: SectionProps): ReactNode {
  return (
    <fieldset>
      <legend>Diagnoses (ICD-10-CM)</legend>
      {values.diagnoses.map((d, i) => {
        const key = `sections.diagnoses.${String(i)}`;
        const n = String(i + 1);
        const change = (patch: Partial<typeof d>) => {
          set((v) => ({
            ...v,
            diagnoses: updateRow(v.diagnoses, i, (row) => ({ ...row, ...patch })),
          }));
        };
        return (
          <div className="inline-form" key={key}>
            <TextField
              name={`${key}.code`}
              label={`Diagnosis ${n}: ICD-10-CM code`}
              hint="Upper case with the dot, e.g. G90.521 or M79.7"
              value={d.code}
              onChange={(code) => {
                change({ code });
              }}
              width="short"
              required
              error={errors[`${key}.code`]}
            />
            <TextField
              name={`${key}.text`}
              label={`Diagnosis ${n}: description`}
              value={d.text}
              onChange={(text) => {
                change({ text });
              }}
              width="long"
              required
              error={errors[`${key}.text`]}
            />
            <RemoveButton
              label={`diagnosis ${n}`}
              onRemove={() => {
                set((v) => ({ ...v, diagnoses: v.diagnoses.filter((_, j) => j !== i) }));
              }}
            />
          </div>
        );
      })}
      <button
        type="button"
        className="button"
        onClick={() => {
          set((v) => ({ ...v, diagnoses: [...v.diagnoses, emptyDiagnosis()] }));
        }}
      >
        Add a diagnosis
      </button>
    </fieldset>
  );
}

export function TreatmentsSection({ values, set, errors }: SectionProps): ReactNode {
  return (
    <fieldset>
      <legend>Prior treatments and why they stopped</legend>
      {values.priorTreatments.length === 0 ? <p className="muted">None recorded.</p> : null}
      {values.priorTreatments.map((t, i) => {
        const key = `sections.priorTreatments.${String(i)}`;
        const n = String(i + 1);
        const change = (patch: Partial<typeof t>) => {
          set((v) => ({
            ...v,
            priorTreatments: updateRow(v.priorTreatments, i, (row) => ({ ...row, ...patch })),
          }));
        };
        return (
          <div className="inline-form" key={key}>
            <SelectField
              name={`${key}.treatmentClass`}
              label={`Treatment ${n}: class`}
              value={t.treatmentClass}
              onChange={(treatmentClass) => {
                change({ treatmentClass });
              }}
              options={options(TREATMENT_CLASSES, 'Choose…')}
              required
              error={errors[`${key}.treatmentClass`]}
            />
            <TextField
              name={`${key}.name`}
              label={`Treatment ${n}: name`}
              value={t.name}
              onChange={(name) => {
                change({ name });
              }}
              required
              error={errors[`${key}.name`]}
            />
            <SelectField
              name={`${key}.stoppedBecause`}
              label={`Treatment ${n}: stopped because`}
              value={t.stoppedBecause}
              onChange={(stoppedBecause) => {
                change({ stoppedBecause });
              }}
              options={options(TREATMENT_STOP_REASONS, 'Choose…')}
              required
              error={errors[`${key}.stoppedBecause`]}
            />
            <TextField
              name={`${key}.detail`}
              label={`Treatment ${n}: detail`}
              value={t.detail}
              onChange={(detail) => {
                change({ detail });
              }}
              markOptional
              error={errors[`${key}.detail`]}
            />
            <RemoveButton
              label={`treatment ${n}`}
              onRemove={() => {
                set((v) => ({
                  ...v,
                  priorTreatments: v.priorTreatments.filter((_, j) => j !== i),
                }));
              }}
            />
          </div>
        );
      })}
      <button
        type="button"
        className="button"
        onClick={() => {
          set((v) => ({ ...v, priorTreatments: [...v.priorTreatments, emptyTreatment()] }));
        }}
      >
        Add a prior treatment
      </button>
    </fieldset>
  );
}

const MEDICATION_INPUTS = [
  ['name', 'name', 'medium', true],
  ['sig', 'prescription as written', 'long', false],
  ['opioidDrug', 'opioid ingredient (for MME)', 'medium', false],
  ['doseMg', 'opioid dose per administration (mg)', 'short', false],
  ['timesPerDay', 'times per day', 'short', false],
  ['patchMcgPerH', 'patch (mcg/h)', 'short', false],
] as const;

/** Form keys of the medication inputs as the server names them. */
const MEDICATION_PATHS: Readonly<Record<string, string>> = {
  name: 'name',
  sig: 'sig',
  opioidDrug: 'opioid.drug',
  doseMg: 'opioid.doseMg',
  timesPerDay: 'opioid.timesPerDay',
  patchMcgPerH: 'opioid.patchMcgPerH',
};

export function MedicationsSection({ values, set, errors }: SectionProps): ReactNode {
  return (
    <fieldset>
      <legend>Current medications (opioids counted in MME/day by the server)</legend>
      {values.medications.length === 0 ? <p className="muted">None recorded.</p> : null}
      {values.medications.map((m, i) => {
        const key = `sections.medications.${String(i)}`;
        const n = String(i + 1);
        return (
          <div className="inline-form" key={key}>
            {MEDICATION_INPUTS.map(([input, label, width, required]) => {
              const name = `${key}.${MEDICATION_PATHS[input] ?? input}`;
              return (
                <TextField
                  key={input}
                  name={name}
                  label={`Medication ${n}: ${label}`}
                  value={m[input]}
                  onChange={(typed) => {
                    set((v) => ({
                      ...v,
                      medications: updateRow(v.medications, i, (row) => ({
                        ...row,
                        [input]: typed,
                      })),
                    }));
                  }}
                  width={width}
                  required={required}
                  markOptional={!required}
                  error={errors[name]}
                />
              );
            })}
            <RemoveButton
              label={`medication ${n}`}
              onRemove={() => {
                set((v) => ({ ...v, medications: v.medications.filter((_, j) => j !== i) }));
              }}
            />
          </div>
        );
      })}
      <button
        type="button"
        className="button"
        onClick={() => {
          set((v) => ({ ...v, medications: [...v.medications, emptyMedication()] }));
        }}
      >
        Add a medication
      </button>
    </fieldset>
  );
}
