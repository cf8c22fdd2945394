/**
 * The intake form's single-valued sections (pain history, comorbidities, psychiatric and
 * substance-use history, pregnancy, baseline tests, vitals, weight) as labelled inputs. Each input is
 * named by the API path the server names in its problem (`sections.pregnancy.status`), so a refusal
 * lands on the input it is about. Yes/no questions start as "Not recorded" (unknown, never no).
 */
import type { ReactNode } from 'react';
import { SelectField, TextArea, TextField } from '../../components/field.tsx';
import {
  VITAL_INPUTS,
  YES_NO_FACTS,
  type IntakeFormValues,
  type VitalInput,
  type YesNo,
  type YesNoFact,
} from './intake-form-model.ts';

export interface SectionProps {
  readonly values: IntakeFormValues;
  readonly set: (change: (v: IntakeFormValues) => IntakeFormValues) => void;
  /** Server messages by form key. */
  readonly errors: Readonly<Record<string, string>>;
}

export const options = (values: readonly string[], empty: string) => [
  { value: '', label: empty },
  ...values.map((v) => ({ value: v, label: v.replace(/-/g, ' ') })),
];

export function PainSection({ values, set, errors }: SectionProps): ReactNode {
  const key = 'sections.painHistory';
  return (
    <fieldset>
      <legend>Pain history</legend>
      <div className="inline-form">
        <TextField
          name={`${key}.durationMonths`}
          label="Duration (whole months)"
          value={values.painDurationMonths}
          onChange={(painDurationMonths) => {
            set((v) => ({ ...v, painDurationMonths }));
          }}
          inputMode="numeric"
          width="short"
          markOptional
          error={errors[`${key}.durationMonths`]}
        />
        <TextField
          name={`${key}.onsetDate`}
          label="Onset date"
          type="date"
          value={values.painOnsetDate}
          onChange={(painOnsetDate) => {
            set((v) => ({ ...v, painOnsetDate }));
          }}
          markOptional
          error={errors[`${key}.onsetDate`]}
        />
      </div>
      <TextArea
        name={`${key}.description`}
        label="Description"
        value={values.painDescription}
        onChange={(painDescription) => {
          set((v) => ({ ...v, painDescription }));
        }}
        maxLength={2000}
        markOptional
        error={errors[`${key}.description`]}
      />
    </fieldset>
  );
}

/** The intake section each yes/no fact belongs to (its API path). */
const FACT_SECTION: Readonly<Record<YesNoFact, string>> = {
  poorlyControlledCardiovascularDisease: 'comorbidities',
  uncontrolledHypertension: 'comorbidities',
  cardiovascularRisk: 'comorbidities',
  hepatotoxicityRisk: 'comorbidities',
  raisedIntracranialPressure: 'comorbidities',
  raisedIntraocularPressure: 'comorbidities',
  ketamineHypersensitivity: 'comorbidities',
  activePsychosis: 'psychiatric',
  psychosisHistory: 'psychiatric',
  activeSubstanceMisuse: 'substanceUse',
  baselineEcgDone: 'baselineTests',
  baselineLiverTestsDone: 'baselineTests',
};

const YES_NO_OPTIONS = [
  { value: '', label: 'Not recorded' },
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
];

function FactSelects(props: SectionProps & { readonly facts: readonly YesNoFact[] }): ReactNode {
  return (
    <div className="inline-form">
      {props.facts.map((fact) => {
        const name = `sections.${FACT_SECTION[fact]}.${fact}`;
        return (
          <SelectField
            key={fact}
            name={name}
            label={YES_NO_FACTS[fact]}
            value={props.values.facts[fact]}
            onChange={(answer) => {
              props.set((v) => ({ ...v, facts: { ...v.facts, [fact]: answer as YesNo } }));
            }}
            options={YES_NO_OPTIONS}
            markOptional={false}
            error={props.errors[name]}
          />
        );
      })}
    </div>
  );
}

export function HistorySection(props: SectionProps): ReactNode {
  const { values, set, errors } = props;
  return (
    <>
      <fieldset>
        <legend>Comorbidities</legend>
        <FactSelects
          {...props}
          facts={[
            'poorlyControlledCardiovascularDisease',
            'uncontrolledHypertension',
            'cardiovascularRisk',
            'hepatotoxicityRisk',
            'raisedIntracranialPressure',
            'raisedIntraocularPressure',
            'ketamineHypersensitivity',
          ]}
        />
        <SelectField
          name="sections.comorbidities.hepaticDysfunction"
          label="Hepatic dysfunction"
          value={values.hepaticDysfunction}
          onChange={(hepaticDysfunction) => {
            set((v) => ({ ...v, hepaticDysfunction }));
          }}
          options={options(['none', 'mild', 'moderate', 'severe'], 'Not recorded')}
          markOptional={false}
          error={errors['sections.comorbidities.hepaticDysfunction']}
        />
        <TextArea
          name="sections.comorbidities.other"
          label="Other conditions (one per line)"
          value={values.otherComorbidities}
          onChange={(otherComorbidities) => {
            set((v) => ({ ...v, otherComorbidities }));
          }}
          markOptional
          error={errors['sections.comorbidities.other']}
        />
      </fieldset>
      <fieldset>
        <legend>Psychiatric and substance-use history</legend>
        <FactSelects
          {...props}
          facts={['activePsychosis', 'psychosisHistory', 'activeSubstanceMisuse']}
        />
        <TextArea
          name="sections.psychiatric.notes"
          label="Psychiatric history notes"
          value={values.psychiatricNotes}
          onChange={(psychiatricNotes) => {
            set((v) => ({ ...v, psychiatricNotes }));
          }}
          maxLength={2000}
          markOptional
          error={errors['sections.psychiatric.notes']}
        />
        <TextArea
          name="sections.substanceUse.notes"
          label="Substance-use history notes"
          value={values.substanceUseNotes}
          onChange={(substanceUseNotes) => {
            set((v) => ({ ...v, substanceUseNotes }));
          }}
          maxLength={2000}
          markOptional
          error={errors['sections.substanceUse.notes']}
        />
      </fieldset>
    </>
  );
}

export function MeasuresSection(props: SectionProps): ReactNode {
  const { values, set, errors } = props;
  return (
    <>
      <fieldset>
        <legend>Pregnancy and baseline tests</legend>
        <div className="inline-form">
          <SelectField
            name="sections.pregnancy.status"
            label="Pregnancy status"
            value={values.pregnancyStatus}
            onChange={(pregnancyStatus) => {
              set((v) => ({ ...v, pregnancyStatus }));
            }}
            options={options(
              ['pregnant', 'not-pregnant', 'cannot-become-pregnant', 'unknown'],
              'Not recorded',
            )}
            markOptional={false}
            error={errors['sections.pregnancy.status']}
          />
          <TextField
            name="sections.pregnancy.testDate"
            label="Pregnancy test date"
            type="date"
            value={values.pregnancyTestDate}
            onChange={(pregnancyTestDate) => {
              set((v) => ({ ...v, pregnancyTestDate }));
            }}
            markOptional
            error={errors['sections.pregnancy.testDate']}
          />
        </div>
        <FactSelects {...props} facts={['baselineEcgDone', 'baselineLiverTestsDone']} />
      </fieldset>
      <fieldset>
        <legend>Vitals, weight and height (recorded as measured now)</legend>
        <p className="hint">
          Type only what you measure now. Left empty, the latest vitals and weight stay as recorded,
          with their date.
        </p>
        <div className="inline-form">
          {(Object.keys(VITAL_INPUTS) as VitalInput[]).map((vital) => {
            const name = `sections.vitals.${vital}`;
            return (
              <TextField
                key={vital}
                name={name}
                label={VITAL_INPUTS[vital]}
                value={values.vitals[vital]}
                onChange={(typed) => {
                  set((v) => ({ ...v, vitals: { ...v.vitals, [vital]: typed } }));
                }}
                inputMode="numeric"
                width="short"
                markOptional
                error={errors[name]}
              />
            );
          })}
          <TextField
            name="weight.weightKg"
            label="Weight (kg)"
            value={values.weightKg}
            onChange={(weightKg) => {
              set((v) => ({ ...v, weightKg }));
            }}
            width="short"
            markOptional
            error={errors['weight.weightKg']}
          />
          <TextField
            name="weight.heightCm"
            label="Height (cm)"
            value={values.heightCm}
            onChange={(heightCm) => {
              set((v) => ({ ...v, heightCm }));
            }}
            width="short"
            markOptional
            error={errors['weight.heightCm']}
          />
        </div>
      </fieldset>
    </>
  );
}
