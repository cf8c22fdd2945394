/**
 * Authorization-matrix fixtures (access/authorization-matrix.int.test.ts) for the intake, screening,
 * consent, course and order routes: each builds fresh objects in the target clinic through the
 * services (as a prescriber of that clinic) and returns a request that succeeds for an allowed role.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Scope } from '../access/scope.ts';
import { hashPassword } from '../auth/password.ts';
import type { ServiceContext } from '../http/context.ts';
import { createPatient } from '../patients/service.ts';
import type { FixtureContext, RouteFixture, RouteRequest } from '../testing/route-fixture.ts';
import { TEST_PASSWORD } from '../testing/harness.ts';
import { createAccount } from '../users/accounts.ts';
import { calendarDateIn } from '../intake/clinic-date.ts';
import { ELIGIBLE_SECTIONS, CRPS_PROTOCOL } from '../intake/fixtures.test-support.ts';
import { saveIntake } from '../intake/service.ts';
import { signScreening } from '../screening/service.ts';
import { ensureConsentText, recordConsent } from '../consent/service.ts';
import { createCourse } from './course-service.ts';
import { signOrder } from './order-service.ts';

let passwordHash: Promise<string> | null = null;
const prescribers = new Map<string, Promise<ServiceContext>>();

/** A prescriber of the target clinic, acting through the services (one per clinic). */
function prescriberOf(fx: FixtureContext): Promise<ServiceContext> {
  let ctx = prescribers.get(fx.clinicId);
  if (ctx === undefined) {
    ctx = (async () => {
      const user = await createAccount(fx.app.database.db, {
        email: `fixture-prescriber-${randomBytes(6).toString('hex')}@example.test`,
        displayName: 'Fixture Prescriber',
        role: 'prescriber',
        clinicId: fx.clinicId,
        password: TEST_PASSWORD,
        passwordHash: await (passwordHash ??= hashPassword(TEST_PASSWORD)),
        passwordMustChange: false,
      });
      return {
        db: fx.app.database.db,
        scope: new Scope({
          userId: user.id,
          role: 'prescriber',
          clinicId: fx.clinicId,
          patientId: null,
        }),
        audit: {
          userId: user.id,
          role: 'prescriber',
          clinicId: fx.clinicId,
          sourceIp: null,
          requestId: 'matrix-fixture',
        },
      };
    })();
    prescribers.set(fx.clinicId, ctx);
  }
  return ctx;
}

const now = (fx: FixtureContext): Date => fx.app.clock.now();

async function patient(fx: FixtureContext): Promise<string> {
  const ctx = await prescriberOf(fx);
  const created = await createPatient(ctx, {
    mrn: `MX-${randomBytes(5).toString('hex').toUpperCase()}`,
    legalGivenName: 'Zebediah',
    legalFamilyName: 'Quuxington',
    dateOfBirth: '1970-05-05',
    sexAtBirth: 'female',
  });
  return created.patient.id;
}

async function patientWithIntake(fx: FixtureContext): Promise<string> {
  const ctx = await prescriberOf(fx);
  const patientId = await patient(fx);
  await saveIntake(
    ctx,
    patientId,
    {
      id: randomUUID(),
      version: 0,
      reason: 'Initial intake',
      sections: ELIGIBLE_SECTIONS,
      weight: {
        weightKg: 70,
        heightCm: 170,
        measuredAt: new Date(now(fx).getTime() - 60_000).toISOString(),
      },
    },
    now(fx),
  );
  return patientId;
}

async function eligiblePatient(fx: FixtureContext): Promise<string> {
  const patientId = await patientWithIntake(fx);
  await signScreening(
    await prescriberOf(fx),
    patientId,
    { id: randomUUID(), intakeVersion: 1, decision: 'eligible', reason: 'Meets the criteria.' },
    now(fx),
  );
  return patientId;
}

/** A fresh course of an eligible patient of the target clinic (also used by other feature fixtures). */
export async function course(fx: FixtureContext): Promise<string> {
  const patientId = await eligiblePatient(fx);
  const { course: created } = await createCourse(
    await prescriberOf(fx),
    patientId,
    { id: randomUUID(), protocol: CRPS_PROTOCOL },
    now(fx),
  );
  return created.id;
}

const ORDER_INPUT = { sessionNumber: 1, concentration: { mgPerMl: 1, source: 'library' } } as const;

async function order(fx: FixtureContext): Promise<string> {
  const courseId = await course(fx);
  const outcome = await signOrder(
    await prescriberOf(fx),
    courseId,
    { id: randomUUID(), ...ORDER_INPUT },
    now(fx),
  );
  if (outcome.kind !== 'signed')
    throw new Error(`fixture order refused: ${outcome.refusal.message}`);
  return outcome.order.id;
}

async function consentBody(fx: FixtureContext): Promise<Record<string, unknown>> {
  const ctx = await prescriberOf(fx);
  const text = await ctx.db.transaction((tx) => ensureConsentText(tx, fx.clinicId, now(fx)));
  const attestedAt = new Date(now(fx).getTime() - 60_000);
  return {
    id: randomUUID(),
    consentTextId: text.id,
    attestedName: 'Zebediah Quuxington',
    attestedAt: attestedAt.toISOString(),
    witnessUserId: ctx.scope.userId,
    // Matrix clinics are created in America/Los_Angeles (testing/harness.ts).
    consentDate: calendarDateIn('America/Los_Angeles', attestedAt),
  };
}

const withPatient =
  (make: (fx: FixtureContext) => Promise<string>, body?: (fx: FixtureContext) => unknown) =>
  async (fx: FixtureContext): Promise<RouteRequest> => ({
    params: { patientId: await make(fx) },
    ...(body === undefined ? {} : { body: await body(fx) }),
  });

export const INTAKE_COURSE_REQUESTS: Readonly<Record<string, RouteFixture>> = {
  'GET /api/v1/patients/{patientId}/intake': { build: withPatient(patientWithIntake) },
  'PUT /api/v1/patients/{patientId}/intake': {
    // Only the referral section, so coordinators (administrative writes) succeed too.
    build: withPatient(patient, () => ({
      id: randomUUID(),
      version: 0,
      reason: 'Referral received',
      sections: { referral: { reasonForReferral: 'Chronic pain clinic referral' } },
    })),
  },
  'GET /api/v1/patients/{patientId}/intake/history': { build: withPatient(patientWithIntake) },
  'POST /api/v1/patients/{patientId}/weights': {
    build: withPatient(patient, (fx) => ({
      id: randomUUID(),
      weightKg: 71.5,
      measuredAt: new Date(now(fx).getTime() - 60_000).toISOString(),
    })),
  },
  'GET /api/v1/patients/{patientId}/weights': { build: withPatient(patient) },
  'GET /api/v1/patients/{patientId}/screening': { build: withPatient(patientWithIntake) },
  'POST /api/v1/patients/{patientId}/screening/decisions': {
    build: withPatient(patientWithIntake, () => ({
      id: randomUUID(),
      intakeVersion: 1,
      decision: 'eligible',
      reason: 'Meets the criteria.',
    })),
  },
  'GET /api/v1/patients/{patientId}/screening/decisions': { build: withPatient(patient) },
  'POST /api/v1/consent-texts': {
    build: async (fx) => {
      const ctx = await prescriberOf(fx);
      const text = await ctx.db.transaction((tx) => ensureConsentText(tx, fx.clinicId, now(fx)));
      return {
        body: {
          id: randomUUID(),
          version: text.version,
          title: 'Consent to ketamine infusion',
          body: `${text.body}\n\nRevised wording.`,
          changeNote: 'Matrix fixture revision',
        },
      };
    },
  },
  'GET /api/v1/patients/{patientId}/consents': { build: withPatient(patient) },
  'POST /api/v1/patients/{patientId}/consents': { build: withPatient(patient, consentBody) },
  'POST /api/v1/consents/{consentId}/revoke': {
    build: async (fx) => {
      const patientId = await patient(fx);
      const body = await consentBody(fx);
      const { record } = await recordConsent(
        await prescriberOf(fx),
        patientId,
        body as Parameters<typeof recordConsent>[2],
        now(fx),
      );
      return { params: { consentId: record.id }, body: { id: randomUUID(), reason: 'Withdrawn' } };
    },
  },
  'POST /api/v1/patients/{patientId}/courses': {
    build: withPatient(eligiblePatient, () => ({ id: randomUUID(), protocol: CRPS_PROTOCOL })),
  },
  'GET /api/v1/patients/{patientId}/courses': { build: withPatient(patient) },
  'GET /api/v1/courses/{courseId}': {
    build: async (fx) => ({ params: { courseId: await course(fx) } }),
  },
  'POST /api/v1/courses/{courseId}/orders/preview': {
    build: async (fx) => ({ params: { courseId: await course(fx) }, body: ORDER_INPUT }),
  },
  'POST /api/v1/courses/{courseId}/orders': {
    build: async (fx) => ({
      params: { courseId: await course(fx) },
      body: { id: randomUUID(), ...ORDER_INPUT },
    }),
  },
  'GET /api/v1/courses/{courseId}/orders': {
    build: async (fx) => ({ params: { courseId: await course(fx) } }),
  },
  'GET /api/v1/orders/{orderId}': {
    build: async (fx) => ({ params: { orderId: await order(fx) } }),
  },
};
