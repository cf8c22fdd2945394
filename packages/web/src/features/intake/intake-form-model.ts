/**
 * The intake form's values (strings, as typed) and their translation into the API body. Nothing is
 * repaired: numbers are sent as typed (text that is not a number goes as null, so the server names the
 * field), and a yes/no question left unanswered is sent as null, "not recorded", never as false (the
 * rule set treats it as unknown). Every clinical section is sent whole on each save; the referral
 * section (the coordinator's) is not part of this form and is left as it is.
 */
import type { Intake, IntakeDocument, IntakeSave } from '@ketaflow/contract';
import { typedNumber } from '../../app/typed-number.ts';

/** '' (not recorded), 'yes' or 'no'. */
export type YesNo = '' | 'yes' | 'no';

export interface DiagnosisRow {
  code: string;
  text: string;
}
export interface TreatmentRow {
  treatmentClass: string;
  name: string;
  stoppedBecause: string;
  detail: string;
}
export interface MedicationRow {
  name: string;
  sig: string;
  /** Opioid ingredient; empty for a medicine that is not an opioid. */
  opioidDrug: string;
  doseMg: string;
  timesPerDay: string;
  patchMcgPerH: string;
}

export const YES_NO_FACTS = {
  poorlyControlledCardiovascularDisease: 'Poorly controlled cardiovascular disease',
  uncontrolledHypertension: 'Uncontrolled hypertension',
  cardiovascularRisk: 'Other cardiovascular risk',
  hepatotoxicityRisk: 'Risk of liver injury',
  raisedIntracranialPressure: 'Raised intracranial pressure',
  raisedIntraocularPressure: 'Raised intraocular pressure',
  ketamineHypersensitivity: 'Hypersensitivity to ketamine',
  activePsychosis: 'Active psychosis',
  psychosisHistory: 'History of psychosis',
  activeSubstanceMisuse: 'Active substance misuse',
  baselineEcgDone: 'Baseline ECG done',
  baselineLiverTestsDone: 'Baseline liver tests done',
} as const;
export type YesNoFact = keyof typeof YES_NO_FACTS;

export const VITAL_INPUTS = {
  systolicBpMmHg: 'Systolic BP (mmHg)',
  diastolicBpMmHg: 'Diastolic BP (mmHg)',
  heartRateBpm: 'Heart rate (/min)',
  spo2Percent: 'SpO₂ (%)',
  respiratoryRatePerMin: 'Respiratory rate (/min)',
} as const;
export type VitalInput = keyof typeof VITAL_INPUTS;

export interface IntakeFormValues {
  diagnoses: DiagnosisRow[];
  painDurationMonths: string;
  painOnsetDate: string;
  painDescription: string;
  priorTreatments: TreatmentRow[];
  medications: MedicationRow[];
  facts: Record<YesNoFact, YesNo>;
  hepaticDysfunction: string;
  otherComorbidities: string;
  psychiatricNotes: string;
  substanceUseNotes: string;
  pregnancyStatus: string;
  pregnancyTestDate: string;
  vitals: Record<VitalInput, string>;
  weightKg: string;
  heightCm: string;
  reason: string;
}

const noFacts = Object.fromEntries(Object.keys(YES_NO_FACTS).map((k) => [k, ''])) as Record<
  YesNoFact,
  YesNo
>;
const noVitals = Object.fromEntries(Object.keys(VITAL_INPUTS).map((k) => [k, ''])) as Record<
  VitalInput,
  string
>;

export const emptyDiagnosis = (): DiagnosisRow => ({ code: '', text: '' });
export const emptyTreatment = (): TreatmentRow => ({
  treatmentClass: '',
  name: '',
  stoppedBecause: '',
  detail: '',
});
export const emptyMedication = (): MedicationRow => ({
  name: '',
  sig: '',
  opioidDrug: '',
  doseMg: '',
  timesPerDay: '',
  patchMcgPerH: '',
});

export const emptyIntakeForm = (): IntakeFormValues => ({
  diagnoses: [emptyDiagnosis()],
  painDurationMonths: '',
  painOnsetDate: '',
  painDescription: '',
  priorTreatments: [],
  medications: [],
  facts: { ...noFacts },
  hepaticDysfunction: '',
  otherComorbidities: '',
  psychiatricNotes: '',
  substanceUseNotes: '',
  pregnancyStatus: '',
  pregnancyTestDate: '',
  vitals: { ...noVitals },
  weightKg: '',
  heightCm: '',
  reason: '',
});

const text = (value: number | string | undefined): string =>
  value === undefined ? '' : String(value);
const yesNo = (value: boolean | null | undefined): YesNo =>
  value === true ? 'yes' : value === false ? 'no' : '';

/**
 * The form filled from the current intake version. Vitals, weight and reason start empty: what is
 * typed there is sent as measured now, so an earlier version's vitals filled in here would be saved
 * again re-dated to today. Left empty, the server keeps the earlier vitals with their own date (the
 * page shows them read-only, see `vitalsReading`).
 */
export function fromIntake(intake: Intake): IntakeFormValues {
  const d = intake.document;
  const facts = { ...noFacts };
  const sources = { ...d.comorbidities, ...d.psychiatric, ...d.substanceUse, ...d.baselineTests };
  for (const key of Object.keys(YES_NO_FACTS) as YesNoFact[]) {
    const value = (sources as Partial<Record<string, unknown>>)[key];
    facts[key] = yesNo(typeof value === 'boolean' ? value : null);
  }
  return {
    ...emptyIntakeForm(),
    diagnoses: (d.diagnoses ?? []).map((x) => ({ code: x.code, text: x.text })),
    painDurationMonths: text(d.painHistory?.durationMonths),
    painOnsetDate: text(d.painHistory?.onsetDate),
    painDescription: text(d.painHistory?.description),
    priorTreatments: (d.priorTreatments ?? []).map((t) => ({
      treatmentClass: t.treatmentClass,
      name: t.name,
      stoppedBecause: t.stoppedBecause,
      detail: text(t.detail),
    })),
    medications: (d.medications ?? []).map((m) => ({
      name: m.name,
      sig: text(m.sig),
      opioidDrug: text(m.opioid?.drug),
      doseMg: text(m.opioid?.doseMg),
      timesPerDay: text(m.opioid?.timesPerDay),
      patchMcgPerH: text(m.opioid?.patchMcgPerH),
    })),
    facts,
    hepaticDysfunction: text(d.comorbidities?.hepaticDysfunction ?? undefined),
    otherComorbidities: (d.comorbidities?.other ?? []).join('\n'),
    psychiatricNotes: text(d.psychiatric?.notes),
    substanceUseNotes: text(d.substanceUse?.notes),
    pregnancyStatus: text(d.pregnancy?.status),
    pregnancyTestDate: text(d.pregnancy?.testDate),
  };
}

/** Saved intake vitals as read: `BP 124/78 mmHg, HR 72/min, SpO₂ 98%, RR 14/min` (date apart). */
export function vitalsReading(v: NonNullable<IntakeDocument['vitals']>): string {
  return `BP ${String(v.systolicBpMmHg)}/${String(v.diastolicBpMmHg)} mmHg, HR ${String(v.heartRateBpm)}/min, SpO₂ ${String(v.spo2Percent)}%, RR ${String(v.respiratoryRatePerMin)}/min`;
}

/** A typed number as sent: the number, or null for text that is not one (the server names it). */
function number(typed: string): number | null {
  const n = typedNumber(typed);
  return Number.isNaN(n) ? null : n;
}

/** Present only when typed; `null` stands in for text that is not a number. */
const optionalNumber = <K extends string>(key: K, typed: string) =>
  (typed.trim() === '' ? {} : { [key]: number(typed) }) as Partial<Record<K, number>>;
const optionalText = <K extends string>(key: K, typed: string) =>
  (typed.trim() === '' ? {} : { [key]: typed.trim() }) as Partial<Record<K, string>>;
const fact = (value: YesNo): boolean | null => (value === '' ? null : value === 'yes');

function sectionsOf(v: IntakeFormValues, now: string): IntakeDocument {
  const f = v.facts;
  const anyVital = Object.values(v.vitals).some((x) => x.trim() !== '');
  const other = v.otherComorbidities
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  return {
    diagnoses: v.diagnoses
      .filter((d) => d.code.trim() !== '' || d.text.trim() !== '')
      .map((d) => ({ code: d.code.trim(), text: d.text.trim() })),
    painHistory: {
      ...optionalNumber('durationMonths', v.painDurationMonths),
      ...optionalText('onsetDate', v.painOnsetDate),
      ...optionalText('description', v.painDescription),
    },
    priorTreatments: v.priorTreatments.map((t) => ({
      treatmentClass: t.treatmentClass as NonNullable<
        IntakeDocument['priorTreatments']
      >[number]['treatmentClass'],
      name: t.name.trim(),
      stoppedBecause: t.stoppedBecause as NonNullable<
        IntakeDocument['priorTreatments']
      >[number]['stoppedBecause'],
      ...optionalText('detail', t.detail),
    })),
    medications: v.medications.map((m) => ({
      name: m.name.trim(),
      ...optionalText('sig', m.sig),
      ...(m.opioidDrug.trim() === ''
        ? {}
        : {
            opioid: {
              drug: m.opioidDrug.trim(),
              ...optionalNumber('doseMg', m.doseMg),
              ...optionalNumber('timesPerDay', m.timesPerDay),
              ...optionalNumber('patchMcgPerH', m.patchMcgPerH),
            },
          }),
    })),
    comorbidities: {
      poorlyControlledCardiovascularDisease: fact(f.poorlyControlledCardiovascularDisease),
      uncontrolledHypertension: fact(f.uncontrolledHypertension),
      cardiovascularRisk: fact(f.cardiovascularRisk),
      hepaticDysfunction:
        v.hepaticDysfunction === ''
          ? null
          : (v.hepaticDysfunction as 'none' | 'mild' | 'moderate' | 'severe'),
      hepatotoxicityRisk: fact(f.hepatotoxicityRisk),
      raisedIntracranialPressure: fact(f.raisedIntracranialPressure),
      raisedIntraocularPressure: fact(f.raisedIntraocularPressure),
      ketamineHypersensitivity: fact(f.ketamineHypersensitivity),
      ...(other.length === 0 ? {} : { other }),
    },
    psychiatric: {
      activePsychosis: fact(f.activePsychosis),
      psychosisHistory: fact(f.psychosisHistory),
      ...optionalText('notes', v.psychiatricNotes),
    },
    substanceUse: {
      activeSubstanceMisuse: fact(f.activeSubstanceMisuse),
      ...optionalText('notes', v.substanceUseNotes),
    },
    ...(v.pregnancyStatus === ''
      ? {}
      : {
          pregnancy: {
            status: v.pregnancyStatus as NonNullable<IntakeDocument['pregnancy']>['status'],
            ...optionalText('testDate', v.pregnancyTestDate),
          },
        }),
    baselineTests: {
      baselineEcgDone: fact(f.baselineEcgDone),
      baselineLiverTestsDone: fact(f.baselineLiverTestsDone),
    },
    ...(anyVital
      ? {
          vitals: {
            measuredAt: now,
            systolicBpMmHg: number(v.vitals.systolicBpMmHg),
            diastolicBpMmHg: number(v.vitals.diastolicBpMmHg),
            heartRateBpm: number(v.vitals.heartRateBpm),
            spo2Percent: number(v.vitals.spo2Percent),
            respiratoryRatePerMin: number(v.vitals.respiratoryRatePerMin),
            // A vital typed as something other than a number goes as null: the server names it.
          } as NonNullable<IntakeDocument['vitals']>,
        }
      : {}),
  };
}

/**
 * The PUT body: a new version of the intake edited at `version`, with the vitals and the weighing
 * taken `now` (the form records measurements as they are taken at the desk). Vitals are sent only
 * when typed in this form; otherwise the section is left out and the server keeps the earlier one.
 */
export function toIntakeSave(
  v: IntakeFormValues,
  write: { readonly id: string; readonly version: number; readonly now: string },
): IntakeSave {
  const sections = sectionsOf(v, write.now);
  const weighed = v.weightKg.trim() !== '' || v.heightCm.trim() !== '';
  return {
    id: write.id,
    version: write.version,
    reason: v.reason.trim(),
    sections,
    ...(weighed
      ? {
          weight: {
            weightKg: number(v.weightKg),
            ...optionalNumber('heightCm', v.heightCm),
            measuredAt: write.now,
          } as NonNullable<IntakeSave['weight']>,
        }
      : {}),
  };
}

const SECTION_LABELS: Readonly<Record<string, string>> = {
  diagnoses: 'Diagnosis',
  priorTreatments: 'Treatment',
  medications: 'Medication',
};

/**
 * A readable name for a form key the server named (`sections.diagnoses.0.code` → "Diagnosis 1:
 * code"), for the list of fields to fix; unknown keys are shown as they are.
 */
export function intakeFieldLabel(key: string): string {
  const row = /^sections\.(diagnoses|priorTreatments|medications)\.(\d+)\.(.+)$/.exec(key);
  if (row?.[1] !== undefined && row[2] !== undefined && row[3] !== undefined) {
    return `${SECTION_LABELS[row[1]] ?? row[1]} ${String(Number(row[2]) + 1)}: ${row[3]}`;
  }
  const fact = /^sections\.\w+\.(\w+)$/.exec(key)?.[1];
  if (fact !== undefined && fact in YES_NO_FACTS) return YES_NO_FACTS[fact as YesNoFact];
  if (fact !== undefined && fact in VITAL_INPUTS) return VITAL_INPUTS[fact as VitalInput];
  return key.replace(/^sections\./, '');
}
