/**
 * The guardrail engine shared by the dose calculator and the rate-change check: from an order
 * (a dose in the protocol's basis, a mg/h rate or a pump mL/h rate) it derives mg/h, applies the
 * hourly cap, rounds the pump rate down to the pump's resolution (toward safety), and checks dose
 * limits, pump limits, session duration and cumulative session/day/course caps — all in exact
 * arithmetic, so a limit is never crossed or missed by a floating-point artefact.
 */
import { formatRef } from '../knowledge/types.ts';
import { formatNumber } from '../format/ismp.ts';
import {
  cmp,
  div,
  exact,
  floorTo,
  minus,
  mul,
  plus,
  ratio,
  toNumber,
  type Exact,
} from '../units/exact.ts';
import type { DoseContext } from './dose-context.ts';
import type {
  DoseCalculation,
  DoseFinding,
  DoseInput,
  LimitCheck,
  RateChangeInput,
} from './dose-types.ts';

/** What was ordered, already converted to exact values. */
export type Order =
  | { readonly kind: 'dose'; readonly dose: Exact }
  | { readonly kind: 'mg-per-h'; readonly mgPerH: Exact }
  | { readonly kind: 'ml-per-h'; readonly mlPerH: Exact };

export interface EngineOptions {
  /** `clamp`: a computed rate above the hourly cap is reduced to it (protocol order); `block`: a typed rate above it is refused (rate change). */
  readonly capMode: 'clamp' | 'block';
  readonly durationMin: Exact;
  readonly overrideReason: string | undefined;
  readonly inputs: DoseInput | RateChangeInput;
}

const ZERO = exact(0);
const SIXTY = exact(60);
const n = toNumber;
const show = (x: Exact, decimals = 4): string => formatNumber(n(x), decimals);

/** Which dose limit a value crosses (upper limits at or above, lower limits below). */
function classifyDose(
  value: Exact,
  ctx: DoseContext,
  label: string,
  field: string,
  findings: DoseFinding[],
  limits: LimitCheck[],
): void {
  const l = ctx.protocol.dosing.limits;
  const unit = ctx.protocol.dosing.basis;
  const src = ctx.protocol.ref;
  const v = n(value);
  const atOrAbove = (limit: number): boolean => cmp(value, exact(limit)) >= 0;
  const below = (limit: number): boolean => cmp(value, exact(limit)) < 0;
  const outcome = (blocked: boolean, soft: boolean): LimitCheck['outcome'] =>
    blocked ? 'blocked' : soft ? 'soft' : 'within';
  limits.push(
    {
      name: `${label}.hardMax`,
      limit: l.hardMax,
      actual: v,
      unit,
      outcome: outcome(atOrAbove(l.hardMax), false),
      source: src,
    },
    {
      name: `${label}.softMax`,
      limit: l.softMax,
      actual: v,
      unit,
      outcome: outcome(false, atOrAbove(l.softMax)),
      source: src,
    },
    {
      name: `${label}.softMin`,
      limit: l.softMin,
      actual: v,
      unit,
      outcome: outcome(false, below(l.softMin)),
      source: src,
    },
    {
      name: `${label}.hardMin`,
      limit: l.hardMin,
      actual: v,
      unit,
      outcome: outcome(below(l.hardMin), false),
      source: src,
    },
  );
  const what = `${label === 'dose' ? 'Dose' : 'Delivered dose'} ${show(value)} ${unit}`;
  const from = `(${formatRef(src)})`;
  if (atOrAbove(l.hardMax)) {
    findings.push({
      code: 'dose.above-hard-limit',
      severity: 'blocked',
      field,
      message: `${what} is at or above the hard limit ${l.hardMax} ${unit} ${from}; it cannot be given.`,
    });
  } else if (atOrAbove(l.softMax)) {
    findings.push({
      code: 'dose.above-soft-limit',
      severity: 'needs-override',
      field,
      message: `${what} is at or above the soft limit ${l.softMax} ${unit} ${from}; give a reason and get an independent double check.`,
    });
  } else if (below(l.hardMin)) {
    findings.push({
      code: 'dose.below-hard-limit',
      severity: 'blocked',
      field,
      message: `${what} is below the hard minimum ${l.hardMin} ${unit} ${from}; check the order.`,
    });
  } else if (below(l.softMin)) {
    findings.push({
      code: 'dose.below-soft-limit',
      severity: 'needs-override',
      field,
      message: `${what} is below the usual minimum ${l.softMin} ${unit} ${from}; give a reason (possible under-dose).`,
    });
  }
}

/** Runs every guardrail for one order and assembles the explained result. */
export function evaluateOrder(
  ctx: DoseContext,
  order: Order,
  opts: EngineOptions,
): DoseCalculation {
  const findings: DoseFinding[] = [...ctx.findings];
  const limits: LimitCheck[] = [...ctx.limits];
  const formula: string[] = [];
  const { protocol, library } = ctx;
  const basis = protocol.dosing.basis;
  const conc = ctx.concentrationMgPerMl;
  const weight = ctx.dosingWeight;
  const decimals = library.pump.rateDecimals;
  if (weight !== null) formula.push(weight.formula);
  const toMgPerH = (dose: Exact): Exact => (weight === null ? dose : mul(dose, weight.kg));
  const toDose = (mgPerH: Exact): Exact => (weight === null ? mgPerH : div(mgPerH, weight.kg));

  // 1. mg/h from the order, and the dose limits on what was ordered or typed.
  let orderedMgPerH: Exact;
  let orderedDose: Exact;
  if (order.kind === 'dose') {
    orderedDose = order.dose;
    orderedMgPerH = toMgPerH(order.dose);
    formula.push(
      weight === null
        ? `rate = ${show(orderedDose)} mg/h`
        : `rate = ${show(orderedDose)} mg/kg/h × ${show(weight.kg)} kg = ${show(orderedMgPerH)} mg/h`,
    );
  } else if (order.kind === 'mg-per-h') {
    orderedMgPerH = order.mgPerH;
    orderedDose = toDose(order.mgPerH);
  } else {
    orderedMgPerH = mul(order.mlPerH, conc);
    orderedDose = toDose(orderedMgPerH);
    formula.push(
      `rate = ${show(order.mlPerH)} mL/h × ${show(conc)} mg/mL = ${show(orderedMgPerH)} mg/h`,
    );
  }
  const doseField = order.kind === 'dose' ? 'orderedDose' : 'newRate';
  classifyDose(orderedDose, ctx, 'dose', doseField, findings, limits);

  // 2. Hourly cap.
  let cappedMgPerH = orderedMgPerH;
  const cap = protocol.dosing.rateCapMgPerH;
  if (cap !== null) {
    const over = cmp(orderedMgPerH, exact(cap)) > 0;
    const clamp = over && opts.capMode === 'clamp';
    limits.push({
      name: 'dosing.rateCapMgPerH',
      limit: cap,
      actual: n(orderedMgPerH),
      unit: 'mg/h',
      outcome: !over ? 'within' : clamp ? 'capped' : 'blocked',
      source: protocol.ref,
    });
    if (clamp) {
      cappedMgPerH = exact(cap);
      findings.push({
        code: 'dose.rate-capped',
        severity: 'info',
        message: `${show(orderedMgPerH)} mg/h is above the protocol cap; the rate is capped at ${cap} mg/h (${formatRef(protocol.ref)}).`,
      });
      formula.push(`capped at ${cap} mg/h (protocol hourly cap)`);
    } else if (over) {
      findings.push({
        code: 'dose.above-rate-cap',
        severity: 'blocked',
        field: 'newRate',
        message: `${show(orderedMgPerH)} mg/h is above the protocol cap ${cap} mg/h (${formatRef(protocol.ref)}); it cannot be given.`,
      });
    }
  }

  // 3. Pump rate, rounded down to the pump's resolution (toward a lower dose).
  const unroundedMlPerH = order.kind === 'ml-per-h' ? order.mlPerH : div(cappedMgPerH, conc);
  const roundedMlPerH = floorTo(unroundedMlPerH, decimals);
  const step = formatNumber(10 ** -decimals, decimals);
  if (order.kind !== 'ml-per-h') {
    formula.push(
      `pump rate = ${show(cappedMgPerH)} mg/h ÷ ${show(conc)} mg/mL = ${show(unroundedMlPerH)} mL/h, rounded down to ${step} mL/h = ${show(roundedMlPerH)} mL/h`,
    );
  }
  const pumpMax = library.pump.maxRateMlPerH;
  const overPump = cmp(roundedMlPerH, exact(pumpMax)) > 0;
  limits.push({
    name: 'pump.maxRateMlPerH',
    limit: pumpMax,
    actual: n(roundedMlPerH),
    unit: 'mL/h',
    outcome: overPump ? 'blocked' : 'within',
    source: library.ref,
  });
  if (cmp(roundedMlPerH, ZERO) === 0) {
    findings.push({
      code: 'dose.rate-rounds-to-zero',
      severity: 'blocked',
      field: 'concentration.mgPerMl',
      message: `The pump rate rounds to 0 mL/h at ${show(conc)} mg/mL (resolution ${step} mL/h); choose a lower concentration.`,
    });
  } else if (overPump) {
    findings.push({
      code: 'dose.above-pump-maximum',
      severity: 'blocked',
      field: 'concentration.mgPerMl',
      message: `${show(roundedMlPerH)} mL/h is above the pump maximum ${pumpMax} mL/h (${formatRef(library.ref)}); choose a higher concentration.`,
    });
  }

  // 4. What the pump actually delivers, checked against the dose limits again.
  const deliveredMgPerH = mul(roundedMlPerH, conc);
  const deliveredDose = toDose(deliveredMgPerH);
  formula.push(
    `delivered = ${show(roundedMlPerH)} mL/h × ${show(conc)} mg/mL = ${show(deliveredMgPerH)} mg/h${weight === null ? '' : ` = ${show(deliveredDose)} mg/kg/h`}`,
  );
  // Capping and rounding only lower the rate, so only the lower limits can newly be crossed.
  const l = protocol.dosing.limits;
  const lowerAlready = findings.some(
    (f) => f.code === 'dose.below-soft-limit' || f.code === 'dose.below-hard-limit',
  );
  if (!lowerAlready && cmp(deliveredMgPerH, ZERO) > 0) {
    if (cmp(deliveredDose, exact(l.hardMin)) < 0) {
      findings.push({
        code: 'dose.delivered-below-hard-limit',
        severity: 'blocked',
        field: doseField,
        message: `After capping and pump rounding the delivered dose ${show(deliveredDose)} ${basis} is below the hard minimum ${l.hardMin} ${basis}; check the order.`,
      });
    } else if (cmp(deliveredDose, exact(l.softMin)) < 0) {
      findings.push({
        code: 'dose.delivered-below-soft-limit',
        severity: 'needs-override',
        field: doseField,
        message: `After capping and pump rounding the delivered dose ${show(deliveredDose)} ${basis} is below the usual minimum ${l.softMin} ${basis}; give a reason.`,
      });
    }
  }

  // 5. Duration, session amount and cumulative caps.
  const durationMin = opts.durationMin;
  const maxDuration = protocol.sessionDurationMin;
  if (cmp(durationMin, exact(maxDuration)) > 0) {
    findings.push({
      code: 'dose.duration-above-protocol',
      severity: 'blocked',
      field: 'plannedDurationMin',
      message: `${show(durationMin)} min is longer than the protocol session of ${maxDuration} min (${formatRef(protocol.ref)}).`,
    });
  }
  const sessionMg = div(mul(deliveredMgPerH, durationMin), SIXTY);
  const volumeMl = div(mul(roundedMlPerH, durationMin), SIXTY);
  formula.push(
    `this order: ${show(deliveredMgPerH)} mg/h × ${show(durationMin)} min ÷ 60 = ${show(sessionMg)} mg; volume ${show(roundedMlPerH)} mL/h × ${show(durationMin)} min ÷ 60 = ${show(volumeMl)} mL`,
  );
  const after = {
    session: plus(ctx.given.session, sessionMg),
    day: plus(ctx.given.day, sessionMg),
    course: plus(ctx.given.course, sessionMg),
  };
  formula.push(
    `totals after: session ${show(after.session)} mg, today ${show(after.day)} mg, course ${show(after.course)} mg`,
  );
  const capChecks = [
    ['session', 'sessionMaxMg', protocol.caps.sessionMaxMg, 'this session'],
    ['day', 'dayMaxMg', protocol.caps.dayMaxMg, 'today'],
    ['course', 'courseMaxMg', protocol.caps.courseMaxMg, 'this course'],
  ] as const;
  for (const [key, name, capMg, period] of capChecks) {
    const over = cmp(after[key], exact(capMg)) > 0;
    limits.push({
      name: `caps.${name}`,
      limit: capMg,
      actual: n(after[key]),
      unit: 'mg',
      outcome: over ? 'blocked' : 'within',
      source: protocol.ref,
    });
    if (!over) continue;
    const left = minus(exact(capMg), ctx.given[key]);
    const minutes =
      cmp(deliveredMgPerH, ZERO) > 0 && cmp(left, ZERO) > 0
        ? floorTo(div(mul(left, SIXTY), deliveredMgPerH), 0)
        : ZERO;
    findings.push({
      code: cmp(left, ZERO) <= 0 ? 'dose.cap-reached' : `dose.above-${key}-cap`,
      severity: 'blocked',
      field: `alreadyGivenMg.${key}`,
      message: `${show(ctx.given[key])} mg already given ${period}; ${show(sessionMg)} mg more would make ${show(after[key])} mg, above the ${period} cap of ${capMg} mg (${formatRef(protocol.ref)}). At ${show(deliveredMgPerH)} mg/h at most ${show(minutes, 0)} min remain.`,
    });
  }

  const blocked = findings.some((f) => f.severity === 'blocked');
  const soft = findings.some((f) => f.severity === 'needs-override');
  const reason = opts.overrideReason?.trim() ?? '';
  const needsOverrideReason = !blocked && soft && reason === '';
  return {
    status: blocked ? 'blocked' : needsOverrideReason ? 'needs-override-reason' : 'ok',
    blocked,
    needsOverrideReason,
    overrideReason: soft && reason !== '' ? reason : null,
    findings,
    limitsApplied: limits,
    inputs: opts.inputs,
    knowledge: ctx.knowledge,
    dosingWeight:
      weight === null
        ? null
        : { weightKg: n(weight.kg), scalar: protocol.dosing.weightScalar, formula: weight.formula },
    dose: { unit: basis, ordered: n(orderedDose), delivered: n(deliveredDose) },
    rate: {
      orderedMgPerH: n(orderedMgPerH),
      cappedMgPerH: n(cappedMgPerH),
      deliveredMgPerH: n(deliveredMgPerH),
    },
    pump: {
      unroundedMlPerH: n(unroundedMlPerH),
      roundedMlPerH: n(roundedMlPerH),
      rateDecimals: decimals,
    },
    session: { durationMin: n(durationMin), doseMg: n(sessionMg), volumeMl: n(volumeMl) },
    totalsAfterMg: { session: n(after.session), day: n(after.day), course: n(after.course) },
    formula,
  };
}

/** ug/kg/min → mg/kg/h factor (× 60 / 1000), exact. */
export const UG_PER_KG_PER_MIN_TO_MG_PER_KG_PER_H = ratio(60, 1000);
