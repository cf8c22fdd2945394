/**
 * `computeOrder`: gathers an order's inputs (course protocol, the latest weight and the one before it,
 * the most recent height, the patient's sex for body-size equations, the planned course total of the
 * other sessions' active orders) and asks core for the weight re-confirmation check and the dose
 * calculation; nothing is calculated here. `blockersOf` lists what stops signing.
 */
import type { OrderInput } from '@ketaflow/contract';
import {
  calculateDose,
  findDrugLibrary,
  findProtocol,
  weightNeedsReconfirmation,
  type DoseCalculation,
  type DoseInput,
  type WeightCheck,
} from '@ketaflow/core';
import type { Scope } from '../access/scope.ts';
import type { Tx } from '../db/client.ts';
import { DomainError, fromCoreError } from '../http/errors.ts';
import { calendarDateIn, clinicTimeZone } from '../intake/clinic-date.ts';
import { weightsOf, type WeightRow } from '../intake/repository.ts';
import { requirePatient } from '../intake/service.ts';
import { activeOrders, ordersOf, type CourseRow } from './repository.ts';

export interface Blocker {
  readonly code: string;
  readonly message: string;
  readonly field?: string;
}

export interface ComputedOrder {
  readonly weight: WeightRow;
  readonly heightCm: number;
  readonly weightCheck: WeightCheck;
  readonly calculation: DoseCalculation;
  readonly blockers: readonly Blocker[];
}

export const conflict = (code: string, message: string, field: string): DomainError =>
  new DomainError(code, 409, message, field);

/** What stops an order from being signed, in the order a prescriber should fix them. */
export function blockersOf(
  input: OrderInput,
  weightCheck: WeightCheck,
  calculation: DoseCalculation,
): Blocker[] {
  const blockers: Blocker[] = [];
  if (weightCheck.needsReconfirmation) {
    blockers.push({
      code: 'order.weight-needs-reconfirmation',
      message: `Re-weigh the patient and record the weight before ordering: ${weightCheck.reasons.join(' ')}`,
    });
  }
  for (const f of calculation.findings.filter((x) => x.severity === 'blocked')) {
    blockers.push({ code: f.code, message: f.message, field: `body.${f.field ?? 'orderedDose'}` });
  }
  if (calculation.needsOverrideReason && calculation.overrideReason === null) {
    blockers.push({
      code: 'order.override-reason-required',
      message: 'A soft limit is crossed; give an override reason or change the order.',
      field: 'body.overrideReason',
    });
  }
  // ISMP: a custom concentration is an exception to the library and needs its reason on the order.
  if (input.concentration.source === 'custom' && input.overrideReason === undefined) {
    blockers.push({
      code: 'order.custom-concentration-reason-required',
      message: 'A custom concentration needs an override reason.',
      field: 'body.overrideReason',
    });
  }
  return blockers;
}

export async function computeOrder(
  tx: Tx,
  scope: Scope,
  course: CourseRow,
  input: OrderInput,
  now: Date,
): Promise<ComputedOrder> {
  if (input.sessionNumber > course.totalSessions) {
    throw new DomainError(
      'order.session-out-of-course',
      400,
      `The course has ${String(course.totalSessions)} sessions; choose a session from 1 to ${String(course.totalSessions)}.`,
      'body.sessionNumber',
    );
  }
  const ref = { id: course.protocolId, version: course.protocolVersion };
  const protocol = findProtocol(ref);
  if (protocol === undefined || findDrugLibrary(protocol.drugLibrary) === undefined) {
    throw new Error(`course protocol ${ref.id}@${ref.version} is not in the registry`);
  }
  const patient = await requirePatient(tx, scope, course.patientId);
  const weights = await weightsOf(tx, scope, course.patientId);
  const [current, previous] = weights;
  if (current === undefined) {
    throw conflict('order.no-weight', 'Record the patient’s weight first.', 'body');
  }
  const heightCm = weights.find((w) => w.heightCm !== null)?.heightCm;
  if (heightCm === undefined || heightCm === null) {
    throw conflict('order.no-height', 'Record the patient’s height with a weight first.', 'body');
  }
  const sexAtBirth = patient.sexAtBirth;
  const recordedSex = sexAtBirth === 'female' || sexAtBirth === 'male' ? sexAtBirth : undefined;
  if (
    recordedSex !== undefined &&
    input.sexForBodySize !== undefined &&
    input.sexForBodySize !== recordedSex
  ) {
    throw new DomainError(
      'order.sex-conflict',
      400,
      'The patient’s recorded sex at birth is used for body-size equations; omit sexForBodySize.',
      'body.sexForBodySize',
    );
  }
  const sex = recordedSex ?? input.sexForBodySize;
  if (sex === undefined) {
    throw new DomainError(
      'order.sex-required',
      400,
      'The patient’s sex at birth is not female or male; choose the sex for the body-size equations.',
      'body.sexForBodySize',
    );
  }
  const timeZone = await clinicTimeZone(tx, scope.clinicId);
  const check = weightNeedsReconfirmation({
    protocol,
    current: {
      weightKg: current.weightKg,
      measuredOn: calendarDateIn(timeZone, current.measuredAt),
    },
    previous:
      previous === undefined
        ? null
        : {
            weightKg: previous.weightKg,
            measuredOn: calendarDateIn(timeZone, previous.measuredAt),
          },
    today: calendarDateIn(timeZone, now),
  });
  if (!check.ok) throw fromCoreError(check.error, 409, 'weight');
  // Planned course total: the session doses of the other sessions' active orders (what the
  // course cap must leave room for); amounts actually given are re-checked at the pump.
  const others = activeOrders(await ordersOf(tx, scope, course.id)).filter(
    (o) => o.sessionNumber !== input.sessionNumber,
  );
  const plannedCourseMg = others.reduce((sum, o) => sum + o.sessionDoseMg, 0);
  const doseInput: DoseInput = {
    protocol: ref,
    patient: { weightKg: current.weightKg, heightCm, sex },
    concentration: input.concentration,
    alreadyGivenMg: { session: 0, day: 0, course: plannedCourseMg },
    ...(input.orderedDose === undefined ? {} : { orderedDose: input.orderedDose }),
    ...(input.plannedDurationMin === undefined
      ? {}
      : { plannedDurationMin: input.plannedDurationMin }),
    ...(input.overrideReason === undefined ? {} : { overrideReason: input.overrideReason }),
  };
  const calculation = calculateDose(doseInput);
  if (!calculation.ok) throw fromCoreError(calculation.error);
  return {
    weight: current,
    heightCm,
    weightCheck: check.value,
    calculation: calculation.value,
    blockers: blockersOf(input, check.value, calculation.value),
  };
}
