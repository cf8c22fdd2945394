/**
 * Resolves and validates what every dose check needs before any arithmetic: the protocol and its
 * drug library, the patient's measures, the bag concentration and the doses already given, as
 * exact values. Malformed input is an error naming the field (reject, never repair); a
 * well-formed but unsafe value (weight out of range, concentration not allowed) becomes a
 * finding on the result instead, so the clinician sees the whole picture.
 */
import { err, ok, type CoreError, type Result } from '../result.ts';
import { formatRef, type KnowledgeRef } from '../knowledge/types.ts';
import { exact, floorTo, type Exact } from '../units/exact.ts';
import { quantity } from '../units/quantity.ts';
import {
  adjustedBodyWeight,
  fatFreeMass,
  idealBodyWeight,
  type BodyMeasures,
} from '../body/body-size.ts';
import type { DrugLibraryEntry, EntryField } from './drug-library.ts';
import type { Protocol } from './protocol.ts';
import { findDrugLibrary, findProtocol, type DosingKnowledge } from './registry.ts';
import type {
  ConcentrationChoice,
  DoseFinding,
  GivenMg,
  LimitCheck,
  PatientMeasures,
} from './dose-types.ts';

export interface DoseContext {
  readonly protocol: Protocol;
  readonly library: DrugLibraryEntry;
  readonly knowledge: KnowledgeRef[];
  readonly weightKg: Exact;
  /** null for mg/h protocols. */
  readonly dosingWeight: { readonly kg: Exact; readonly formula: string } | null;
  readonly concentrationMgPerMl: Exact;
  readonly given: { readonly session: Exact; readonly day: Exact; readonly course: Exact };
  readonly findings: DoseFinding[];
  readonly limits: LimitCheck[];
}

const invalid = (field: string, message: string): CoreError => ({
  code: 'dose.invalid-input',
  field,
  message,
});

/**
 * A finite number, > 0 (or ≥ 0 when `allowZero`), with at most `decimals` decimals, as an exact
 * value; otherwise an error naming the field.
 */
export function exactInput(
  value: unknown,
  field: string,
  label: string,
  decimals: number,
  allowZero = false,
): Result<Exact> {
  if (typeof value !== 'number' || !Number.isFinite(value))
    return err(invalid(field, `${label} must be a number.`));
  if (allowZero ? value < 0 : value <= 0) {
    return err(invalid(field, `${label} must be ${allowZero ? '0 or more' : 'greater than 0'}.`));
  }
  const x = exact(value);
  if (floorTo(x, decimals).num * x.den !== x.num * floorTo(x, decimals).den) {
    return err({
      code: 'dose.too-many-decimals',
      field,
      message: `${label} allows at most ${decimals} decimal${decimals === 1 ? '' : 's'}; ${value} has more.`,
    });
  }
  return ok(x);
}

const entry = (library: DrugLibraryEntry, field: EntryField): number =>
  library.entryDecimals[field];

function resolveGiven(given: GivenMg, library: DrugLibraryEntry): Result<DoseContext['given']> {
  const d = entry(library, 'givenMg');
  const session = exactInput(
    given.session,
    'alreadyGivenMg.session',
    'Ketamine given this session (mg)',
    d,
    true,
  );
  if (!session.ok) return session;
  const day = exactInput(given.day, 'alreadyGivenMg.day', 'Ketamine given today (mg)', d, true);
  if (!day.ok) return day;
  const course = exactInput(
    given.course,
    'alreadyGivenMg.course',
    'Ketamine given this course (mg)',
    d,
    true,
  );
  if (!course.ok) return course;
  if (given.session > given.day || given.day > given.course) {
    return err({
      code: 'dose.inconsistent-given',
      field: 'alreadyGivenMg',
      message: `Doses already given must nest: session (${given.session} mg) ≤ today (${given.day} mg) ≤ course (${given.course} mg). Check the ledger totals.`,
    });
  }
  return ok({ session: session.value, day: day.value, course: course.value });
}

function checkPatient(
  patient: PatientMeasures,
  ctx: Pick<DoseContext, 'library' | 'findings' | 'limits'>,
): void {
  const { patientWeightKg: w, patientHeightCm: h, ref } = ctx.library;
  const kg = patient.weightKg;
  const weightBlocked = kg < w.hardMin || kg >= w.hardMax;
  const weightSoft = !weightBlocked && (kg < w.softMin || kg >= w.softMax);
  ctx.limits.push(
    {
      name: 'patientWeightKg.hardMin',
      limit: w.hardMin,
      actual: kg,
      unit: 'kg',
      outcome: kg < w.hardMin ? 'blocked' : 'within',
      source: ref,
    },
    {
      name: 'patientWeightKg.hardMax',
      limit: w.hardMax,
      actual: kg,
      unit: 'kg',
      outcome: kg >= w.hardMax ? 'blocked' : 'within',
      source: ref,
    },
  );
  if (weightBlocked) {
    ctx.findings.push({
      code: 'dose.weight-out-of-range',
      severity: 'blocked',
      field: 'patient.weightKg',
      message: `Weight ${kg} kg is outside ${w.hardMin}–${w.hardMax} kg (${formatRef(ref)}); re-weigh the patient in kg before weight-based dosing.`,
    });
  } else if (weightSoft) {
    ctx.findings.push({
      code: 'dose.weight-unusual',
      severity: 'needs-override',
      field: 'patient.weightKg',
      message: `Weight ${kg} kg is outside the usual ${w.softMin}–${w.softMax} kg (${formatRef(ref)}); confirm it was measured in kg and give a reason.`,
    });
  }
  if (patient.heightCm < h.hardMin || patient.heightCm > h.hardMax) {
    ctx.findings.push({
      code: 'dose.height-out-of-range',
      severity: 'blocked',
      field: 'patient.heightCm',
      message: `Height ${patient.heightCm} cm is outside ${h.hardMin}–${h.hardMax} cm (${formatRef(ref)}); re-measure in cm.`,
    });
  }
}

function checkConcentration(
  c: ConcentrationChoice,
  ctx: Pick<DoseContext, 'library' | 'findings'>,
): void {
  const { standardConcentrationsMgPerMl: standard, customConcentration: custom, ref } = ctx.library;
  if (c.source === 'library') {
    if (!standard.includes(c.mgPerMl)) {
      ctx.findings.push({
        code: 'dose.concentration-not-in-library',
        severity: 'blocked',
        field: 'concentration.mgPerMl',
        message: `${c.mgPerMl} mg/mL is not a library concentration (${standard.join(', ')} mg/mL in ${formatRef(ref)}); choose one, or enter a custom concentration.`,
      });
    }
    return;
  }
  if (!custom.allowed || c.mgPerMl < custom.hardMinMgPerMl || c.mgPerMl > custom.hardMaxMgPerMl) {
    ctx.findings.push({
      code: 'dose.custom-concentration-out-of-range',
      severity: 'blocked',
      field: 'concentration.mgPerMl',
      message: custom.allowed
        ? `Custom concentration ${c.mgPerMl} mg/mL is outside ${custom.hardMinMgPerMl}–${custom.hardMaxMgPerMl} mg/mL (${formatRef(ref)}).`
        : `${formatRef(ref)} does not allow custom concentrations; choose a library concentration.`,
    });
  } else {
    ctx.findings.push({
      code: 'dose.custom-concentration',
      severity: 'info',
      field: 'concentration.mgPerMl',
      message: `Custom concentration ${c.mgPerMl} mg/mL: requires an independent double check of the bag.`,
    });
  }
}

function resolveDosingWeight(
  protocol: Protocol,
  patient: PatientMeasures,
  knowledge: DosingKnowledge,
  library: DrugLibraryEntry,
): Result<DoseContext['dosingWeight']> {
  const scalar = protocol.dosing.weightScalar;
  if (scalar === 'none') return ok(null);
  if (scalar === 'total')
    return ok({
      kg: exact(patient.weightKg),
      formula: `dosing weight = total body weight ${patient.weightKg} kg`,
    });
  const measures: BodyMeasures = {
    weight: quantity(patient.weightKg, 'kg'),
    height: quantity(patient.heightCm, 'cm'),
    sex: patient.sex,
  };
  const fn =
    scalar === 'ideal' ? idealBodyWeight : scalar === 'adjusted' ? adjustedBodyWeight : fatFreeMass;
  const r = fn(measures, knowledge.bodySize);
  if (!r.ok) return r;
  // Round the derived weight down to the weight entry precision: toward a lower dose.
  const kg = floorTo(exact(r.value.value.value), entry(library, 'weightKg'));
  return ok({
    kg,
    formula: `dosing weight = ${scalar} body weight, rounded down to 0.1 kg; ${r.value.formula}`,
  });
}

/** Validates the common inputs and resolves the protocol, library and dosing weight. */
export function resolveContext(
  input: {
    protocol: KnowledgeRef;
    patient: PatientMeasures;
    concentration: ConcentrationChoice;
    alreadyGivenMg: GivenMg;
  },
  knowledge: DosingKnowledge,
): Result<DoseContext> {
  const protocol = findProtocol(input.protocol, knowledge);
  if (protocol === undefined) {
    return err({
      code: 'dose.unknown-protocol',
      field: 'protocol',
      message: `No protocol ${formatRef(input.protocol)}; choose one from the protocol list.`,
    });
  }
  const library = findDrugLibrary(protocol.drugLibrary, knowledge);
  if (library === undefined) {
    return err({
      code: 'dose.unknown-drug-library',
      field: 'protocol',
      message: `Drug library ${formatRef(protocol.drugLibrary)} is not loaded.`,
    });
  }
  const weight = exactInput(
    input.patient.weightKg,
    'patient.weightKg',
    'Weight (kg)',
    entry(library, 'weightKg'),
  );
  if (!weight.ok) return weight;
  const height = exactInput(
    input.patient.heightCm,
    'patient.heightCm',
    'Height (cm)',
    entry(library, 'heightCm'),
  );
  if (!height.ok) return height;
  // Callers outside TypeScript (CLI JSON) may send anything: check the runtime value.
  const sex: unknown = input.patient.sex;
  if (sex !== 'female' && sex !== 'male') {
    return err(
      invalid('patient.sex', 'Sex must be "female" or "male" (used by the body-size equations).'),
    );
  }
  const conc = exactInput(
    input.concentration.mgPerMl,
    'concentration.mgPerMl',
    'Concentration (mg/mL)',
    entry(library, 'concentrationMgPerMl'),
  );
  if (!conc.ok) return conc;
  const source: unknown = input.concentration.source;
  if (source !== 'library' && source !== 'custom') {
    return err(
      invalid('concentration.source', 'Concentration source must be "library" or "custom".'),
    );
  }
  const given = resolveGiven(input.alreadyGivenMg, library);
  if (!given.ok) return given;

  const findings: DoseFinding[] = [];
  const limits: LimitCheck[] = [];
  checkPatient(input.patient, { library, findings, limits });
  checkConcentration(input.concentration, { library, findings });
  const dosingWeight = resolveDosingWeight(protocol, input.patient, knowledge, library);
  if (!dosingWeight.ok) return dosingWeight;
  const refs = [protocol.ref, library.ref];
  if (protocol.dosing.weightScalar !== 'none' && protocol.dosing.weightScalar !== 'total')
    refs.push(knowledge.bodySize.source);
  const drafts = [
    protocol.status === 'released' ? null : protocol.ref,
    library.status === 'released' ? null : library.ref,
  ].filter((r) => r !== null);
  if (drafts.length > 0) {
    findings.push({
      code: 'knowledge.not-released',
      severity: 'info',
      message: `${drafts.map(formatRef).join(' and ')} ${drafts.length === 1 ? 'is' : 'are'} not released: the values await medical-director sign-off.`,
    });
  }
  return ok({
    protocol,
    library,
    knowledge: refs,
    weightKg: weight.value,
    dosingWeight: dosingWeight.value,
    concentrationMgPerMl: conc.value,
    given: given.value,
    findings,
    limits,
  });
}
