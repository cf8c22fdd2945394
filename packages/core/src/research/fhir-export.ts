/**
 * De-identified research export as FHIR R4 resources (plain JSON objects) and NDJSON per resource
 * type: Patient, Condition, MedicationAdministration, Observation, QuestionnaireResponse. Built only
 * from ResearchPatient records. Timing is carried by a Ketaflow extension holding the day relative
 * to the first infusion; MedicationAdministration.effective[x] (required) is masked with the
 * standard data-absent-reason extension.
 */
import type { ResearchPatient } from './deidentify.ts';

/** A FHIR resource as plain JSON. */
export type FhirResource = { readonly resourceType: string; readonly id: string } & Readonly<
  Record<string, unknown>
>;

export const RELATIVE_DAY_URL =
  'https://ketaflow.org/fhir/StructureDefinition/days-from-first-infusion';
export const AGE_AT_FIRST_INFUSION_URL =
  'https://ketaflow.org/fhir/StructureDefinition/age-at-first-infusion';
const DATA_ABSENT_REASON = 'http://hl7.org/fhir/StructureDefinition/data-absent-reason';
const UCUM = 'http://unitsofmeasure.org';
const LOINC = 'http://loinc.org';
const KETAFLOW_CODES = 'https://ketaflow.org/fhir/CodeSystem/research';
// Ketamine hydrochloride UNII (FDA SRS), clinical.md 7.4 [C5, V]; the RxNorm ingredient code is unverified there.
const UNII = {
  system: 'http://fdasis.nlm.nih.gov',
  code: 'O18YUO0I83',
  display: 'ketamine hydrochloride',
};

const dayExtension = (day: number) => ({ url: RELATIVE_DAY_URL, valueInteger: day });
const subject = (p: ResearchPatient) => ({ reference: `Patient/${p.researchId}` });
const canonical = (kind: string, ref: { id: string; version: string }) =>
  `https://ketaflow.org/fhir/${kind}/${ref.id}|${ref.version}`;

const patientResource = (p: ResearchPatient): FhirResource => ({
  resourceType: 'Patient',
  id: p.researchId,
  gender: p.sex,
  extension: [
    {
      url: AGE_AT_FIRST_INFUSION_URL,
      valueAge:
        p.ageAtFirstInfusion.kind === 'years'
          ? { value: p.ageAtFirstInfusion.years, unit: 'a', system: UCUM, code: 'a' }
          : {
              value: p.ageAtFirstInfusion.fromYears,
              comparator: '>=',
              unit: 'a',
              system: UCUM,
              code: 'a',
            },
    },
  ],
  ...(p.zip3 === null ? {} : { address: [{ postalCode: p.zip3, country: 'US' }] }),
});

/** All resources of one patient, in a stable order. */
export const fhirResourcesFor = (p: ResearchPatient): FhirResource[] => {
  const out: FhirResource[] = [patientResource(p)];
  p.diagnosisCodes.forEach((code, i) => {
    out.push({
      resourceType: 'Condition',
      id: `${p.researchId}-condition-${String(i + 1)}`,
      subject: subject(p),
      code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code }] },
    });
  });
  p.sessions.forEach((s, i) => {
    out.push({
      resourceType: 'MedicationAdministration',
      id: `${p.researchId}-session-${String(i + 1)}`,
      status: 'completed',
      instantiates: [canonical('PlanDefinition', s.protocol)],
      medicationCodeableConcept: { coding: [UNII] },
      subject: subject(p),
      extension: [dayExtension(s.day)],
      _effectiveDateTime: {
        extension: [{ url: DATA_ABSENT_REASON, valueCode: 'masked' }, dayExtension(s.day)],
      },
      dosage: { dose: { value: s.doseMg, unit: 'mg', system: UCUM, code: 'mg' } },
    });
  });
  p.painReadings.forEach((r, i) => {
    out.push({
      resourceType: 'Observation',
      id: `${p.researchId}-pain-${String(i + 1)}`,
      status: 'final',
      code: {
        coding: [
          {
            system: LOINC,
            code: '72514-3',
            display: 'Pain severity - 0-10 verbal numeric rating [Score] - Reported',
          },
        ],
      },
      subject: subject(p),
      extension: [
        dayExtension(r.day),
        { url: `${KETAFLOW_CODES}/pain-context`, valueCode: r.context },
      ],
      valueInteger: r.nrs,
    });
  });
  p.dailyMme.forEach((m, i) => {
    out.push({
      resourceType: 'Observation',
      id: `${p.researchId}-mme-${String(i + 1)}`,
      status: 'final',
      code: {
        coding: [
          {
            system: KETAFLOW_CODES,
            code: 'mme-per-day',
            display: 'Opioid morphine milligram equivalents per day',
          },
        ],
      },
      subject: subject(p),
      extension: [dayExtension(m.day)],
      derivedFrom: [{ display: `${m.factorTable.id}@${m.factorTable.version}` }],
      valueQuantity: { value: m.mmePerDay, unit: 'MME/d', system: UCUM, code: '{MME}/d' },
    });
  });
  p.adverseEvents.forEach((e, i) => {
    out.push({
      resourceType: 'Observation',
      id: `${p.researchId}-adverse-event-${String(i + 1)}`,
      status: 'final',
      code: { coding: [{ system: KETAFLOW_CODES, code: `adverse-event.${e.code}` }] },
      subject: subject(p),
      extension: [dayExtension(e.day)],
      valueCodeableConcept: {
        coding: [{ system: KETAFLOW_CODES, code: `severity.${e.severity}` }],
      },
    });
  });
  p.questionnaires.forEach((q, i) => {
    out.push({
      resourceType: 'QuestionnaireResponse',
      id: `${p.researchId}-questionnaire-${String(i + 1)}`,
      status: q.score === null ? 'in-progress' : 'completed',
      questionnaire: canonical('Questionnaire', q.instrument),
      subject: subject(p),
      extension: [dayExtension(q.day)],
      item: q.answers.map((a) => ({
        linkId: a.itemId,
        answer: [Number.isInteger(a.value) ? { valueInteger: a.value } : { valueDecimal: a.value }],
      })),
    });
  });
  return out;
};

export const FHIR_EXPORT_TYPES = [
  'Patient',
  'Condition',
  'MedicationAdministration',
  'Observation',
  'QuestionnaireResponse',
] as const;

/** Resource type → NDJSON text (one resource per line, each line ends with \n). */
export const buildResearchNdjson = (
  patients: readonly ResearchPatient[],
): Readonly<Record<string, string>> => {
  const files: Record<string, string> = {};
  for (const type of FHIR_EXPORT_TYPES) files[type] = '';
  for (const resource of patients.flatMap(fhirResourcesFor)) {
    files[resource.resourceType] =
      `${files[resource.resourceType] ?? ''}${JSON.stringify(resource)}\n`;
  }
  return files;
};
