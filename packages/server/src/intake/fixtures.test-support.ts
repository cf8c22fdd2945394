/**
 * Test support for intake, screening, consent and courses: a clinic with a prescriber, a nurse and a
 * coordinator, a fictional female patient, and helpers that walk the API from intake to a course.
 * Everything goes through the HTTP API (the real auth path), so tests exercise the routes too.
 */
import { randomUUID } from 'node:crypto';
import type { IntakeDocument } from '@ketaflow/contract';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createTestClinic, signIn, type SignedIn } from '../testing/harness.ts';

export interface Team {
  readonly clinicId: string;
  readonly admin: SignedIn;
  readonly prescriber: SignedIn;
  readonly nurse: SignedIn;
  readonly coordinator: SignedIn;
  readonly researcher: SignedIn;
}

export async function signInTeam(app: FastifyInstance): Promise<Team> {
  const clinicId = await createTestClinic(app);
  const [admin, prescriber, nurse, coordinator, researcher] = await Promise.all(
    (['admin', 'prescriber', 'nurse', 'coordinator', 'researcher'] as const).map((role) =>
      signIn(app, { role, clinicId }),
    ),
  );
  if (!admin || !prescriber || !nurse || !coordinator || !researcher) throw new Error('team');
  return { clinicId, admin, prescriber, nurse, coordinator, researcher };
}

/** Legal name of every fixture patient (fictional). */
export const PATIENT_NAME = { given: 'Zebediah', family: 'Quuxington' } as const;

export async function createPatient(
  app: FastifyInstance,
  by: SignedIn,
  sexAtBirth: 'female' | 'male' | 'unknown' = 'female',
): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/patients',
    headers: by.headers(),
    payload: {
      mrn: `T-${randomUUID().slice(0, 8).toUpperCase()}`,
      legalGivenName: PATIENT_NAME.given,
      legalFamilyName: PATIENT_NAME.family,
      dateOfBirth: '1970-05-05',
      sexAtBirth,
    },
  });
  if (response.statusCode !== 201) throw new Error(`patient: ${response.body}`);
  return response.json<{ id: string }>().id;
}

/**
 * Intake sections of a CRPS patient who meets every criterion of the Cohen 2018 rule set: CRPS type I
 * of the right lower limb (G90.521), 18 months, two failed treatment classes, no contraindication,
 * baseline tests done.
 */
export const ELIGIBLE_SECTIONS: IntakeDocument = {
  diagnoses: [{ code: 'G90.521', text: 'Complex regional pain syndrome I of right lower limb' }],
  painHistory: { durationMonths: 18 },
  priorTreatments: [
    { treatmentClass: 'gabapentinoid', name: 'Gabapentin', stoppedBecause: 'ineffective' },
    { treatmentClass: 'snri', name: 'Duloxetine', stoppedBecause: 'not-tolerated' },
  ],
  medications: [
    { name: 'Oxycodone 10 mg', opioid: { drug: 'oxycodone', doseMg: 10, timesPerDay: 3 } },
  ],
  comorbidities: {
    poorlyControlledCardiovascularDisease: false,
    uncontrolledHypertension: false,
    cardiovascularRisk: false,
    hepaticDysfunction: 'none',
    hepatotoxicityRisk: false,
    raisedIntracranialPressure: false,
    raisedIntraocularPressure: false,
    ketamineHypersensitivity: false,
  },
  psychiatric: { activePsychosis: false, psychosisHistory: false },
  substanceUse: { activeSubstanceMisuse: false },
  pregnancy: { status: 'not-pregnant' },
  baselineTests: { baselineEcgDone: true, baselineLiverTestsDone: true },
};

export function put(
  app: FastifyInstance,
  by: SignedIn,
  url: string,
  payload: unknown,
): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'PUT', url, headers: by.headers(), payload: payload as object });
}

export function post(
  app: FastifyInstance,
  by: SignedIn,
  url: string,
  payload: unknown,
): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'POST', url, headers: by.headers(), payload: payload as object });
}

export function get(
  app: FastifyInstance,
  by: SignedIn,
  url: string,
): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'GET', url, headers: by.headers() });
}

function expect2xx(response: LightMyRequestResponse, what: string): void {
  if (response.statusCode >= 300)
    throw new Error(`${what}: ${String(response.statusCode)} ${response.body}`);
}

/** Saves the eligible intake (version 1) with a weight of `weightKg` taken `measuredAt`. */
export async function saveEligibleIntake(
  app: FastifyInstance,
  team: Team,
  patientId: string,
  weight: { weightKg: number; heightCm: number; measuredAt: string },
): Promise<void> {
  const response = await put(app, team.nurse, `/api/v1/patients/${patientId}/intake`, {
    id: randomUUID(),
    version: 0,
    reason: 'Initial intake',
    sections: ELIGIBLE_SECTIONS,
    weight,
  });
  expect2xx(response, 'intake');
}

/** Signs the patient eligible on the current intake version. */
export async function signEligible(
  app: FastifyInstance,
  team: Team,
  patientId: string,
): Promise<void> {
  const view = await get(app, team.prescriber, `/api/v1/patients/${patientId}/screening`);
  expect2xx(view, 'screening');
  const response = await post(
    app,
    team.prescriber,
    `/api/v1/patients/${patientId}/screening/decisions`,
    {
      id: randomUUID(),
      intakeVersion: view.json<{ intakeVersion: number }>().intakeVersion,
      decision: 'eligible',
      reason: 'Meets the CRPS criteria; no contraindication.',
    },
  );
  expect2xx(response, 'screening decision');
}

export const CRPS_PROTOCOL = { id: 'crps-outpatient-schwartzman', version: '1.0.0' } as const;

/** Patient → eligible intake (70 kg, 170 cm, weighed `measuredAt`) → signed eligible → course. */
export async function courseFor(
  app: FastifyInstance,
  team: Team,
  measuredAt: string,
  weightKg = 70,
): Promise<{ patientId: string; courseId: string }> {
  const patientId = await createPatient(app, team.admin);
  await saveEligibleIntake(app, team, patientId, { weightKg, heightCm: 170, measuredAt });
  await signEligible(app, team, patientId);
  const response = await post(app, team.prescriber, `/api/v1/patients/${patientId}/courses`, {
    id: randomUUID(),
    protocol: CRPS_PROTOCOL,
  });
  expect2xx(response, 'course');
  return { patientId, courseId: response.json<{ id: string }>().id };
}
