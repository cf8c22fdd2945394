/**
 * The independent double check of a rate increase at or above the soft limit (safety-security.md
 * T-37, d-3): a second clinician signs in at the pump in the same request (the ledger witness's
 * authentication, ledger/witness.ts) and re-enters the new rate and the bag concentration blind.
 * Core computes both entries the same way and compares them under the double-check policy
 * (knowledge independent-double-check@version); a disagreement above its tolerance blocks. The
 * stored record keeps both users, both entries, the comparison and the policy id@version.
 */
import type { ChartEntryRequest, RateChangeDoubleCheck } from '@ketaflow/contract';
import {
  compareDoubleCheck,
  defaultDoubleCheckPolicy,
  formatRef,
  type CoreError,
  type DoseCalculation,
  type DoubleCheckEntry,
  type FieldComparison,
  type Result,
} from '@ketaflow/core';
import type { ServiceContext } from '../http/context.ts';
import { isReplay } from '../intake/write-id.ts';
import { authenticateWitness, type Witness, type WitnessPurpose } from '../ledger/witness.ts';
import { findChartTarget } from './repository.ts';
import type { Outcome } from './session-service.ts';

type RateChange = Extract<ChartEntryRequest, { kind: 'rate-change' }>;

const FIELD = 'body.doubleCheck';

/**
 * The checker must be a clinician of the clinic who may give the infusion. Their authenticator code
 * is asked only when they have one: T-37 asks a second authenticated clinician, not MFA, and a
 * bedside check should stay fast (unlike a ledger witness, T-44, ledger/witness.ts).
 */
const CHECKER: WitnessPurpose = {
  prefix: 'rate-change',
  resourceType: 'user',
  permission: 'session.clinical',
  allowed: 'a nurse or prescriber',
  secondFactor: 'when-enrolled',
};

/** The request as hashed for idempotent retries: never the checker's password or code. */
export function hashableChartRequest(input: ChartEntryRequest): ChartEntryRequest {
  if (input.kind !== 'rate-change' || input.doubleCheck === undefined) return input;
  const { checker, ...rest } = input.doubleCheck;
  return { ...input, doubleCheck: { ...rest, checker: { email: checker.email, password: '' } } };
}

/**
 * Authenticates the second clinician of a rate change that carries a double check. A retry of a
 * stored entry is answered without signing in again (a one-time code is spent): undefined.
 */
export async function authenticateChecker(
  ctx: ServiceContext,
  sessionId: string,
  input: ChartEntryRequest,
  hash: string,
  now: Date,
): Promise<Witness | undefined> {
  if (input.kind !== 'rate-change' || input.doubleCheck === undefined) return undefined;
  const earlier = await ctx.db.transaction((tx) =>
    findChartTarget(tx, ctx.scope, sessionId, input.id),
  );
  if (earlier?.existing != null && isReplay(earlier.existing, hash)) return undefined;
  return authenticateWitness(
    { db: ctx.db, scope: ctx.scope, audit: ctx.audit, now },
    input.doubleCheck.checker,
    `${FIELD}.checker`,
    CHECKER,
  );
}

/** What the stored rate change carries of its double check (append-only with the entry). */
export interface RateDoubleCheckRecord {
  readonly checkerUserId: string;
  readonly secondFactor: boolean;
  /** The checker's blind entries, as typed. */
  readonly entered: Omit<RateChangeDoubleCheck, 'checker'>;
  readonly first: DoubleCheckEntry;
  readonly second: DoubleCheckEntry;
  readonly comparison: readonly FieldComparison[];
  /** The tolerance's knowledge, `id@version`. */
  readonly policy: string;
  readonly maxRelativeDifference: number;
}

/** Core's refusal of the checker's own entry, naming its field in the double check (audited as refused). */
function checkerInputError(error: CoreError): Outcome<never> {
  const field = error.field?.startsWith('newRate')
    ? `${FIELD}.rate.${error.field.slice('newRate.'.length) || 'value'}`
    : error.field?.startsWith('concentration')
      ? `${FIELD}.concentrationMgPerMl`
      : FIELD;
  return { ok: false, failure: { status: 422, code: error.code, message: error.message, field } };
}

/** One clinician's entry as core computed it: the bag, the pump rate and the dose rate delivered. */
const entryOf = (userId: string, mgPerMl: number, c: DoseCalculation): DoubleCheckEntry => ({
  userId,
  concentrationMgPerMl: mgPerMl,
  rateMlPerH: c.pump.roundedMlPerH,
  doseRateMgPerH: c.rate.deliveredMgPerH,
});

export interface RateDoubleCheckInput {
  readonly input: RateChange;
  readonly checker: Witness | undefined;
  /** The clinician charting the change (the first entry). */
  readonly recorderId: string;
  /** The bag the order runs (the first entry's concentration). */
  readonly concentrationMgPerMl: number;
  /** Core's check of the charted change. */
  readonly calculation: DoseCalculation;
  /** Core's same check of another rate and bag (the checker's entry). */
  readonly recheck: (
    rate: RateChange['newRate'],
    concentrationMgPerMl: number,
  ) => Result<DoseCalculation>;
}

/** Judges the double check of a rate change that needs one (or carries one). */
export function judgeRateDoubleCheck(p: RateDoubleCheckInput): Outcome<RateDoubleCheckRecord> {
  const dc = p.input.doubleCheck;
  if (dc === undefined || p.checker === undefined) {
    return {
      ok: false,
      failure: {
        status: 409,
        code: 'rate-change.double-check-required',
        message:
          'This increase reaches the soft limit: besides the override reason it needs an independent double check. A second nurse or prescriber signs in here (email, password and authenticator code if they use one) and re-enters the new rate and the bag concentration without seeing yours.',
        field: FIELD,
      },
    };
  }
  const theirs = p.recheck(dc.rate, dc.concentrationMgPerMl);
  if (!theirs.ok) return checkerInputError(theirs.error);
  const first = entryOf(p.recorderId, p.concentrationMgPerMl, p.calculation);
  const second = entryOf(p.checker.userId, dc.concentrationMgPerMl, theirs.value);
  const policy = defaultDoubleCheckPolicy;
  const compared = compareDoubleCheck(first, second, policy);
  if (!compared.ok) {
    const worst = compared.error.field?.replace(/^second\./, '');
    return {
      ok: false,
      failure: {
        status: 422,
        code: `rate-change.${compared.error.code}`,
        message: compared.error.message,
        field:
          worst === 'concentrationMgPerMl'
            ? `${FIELD}.concentrationMgPerMl`
            : `${FIELD}.rate.value`,
        // Both entries are shown only now, after both were submitted (d-4).
        evidence: {
          policy: formatRef(policy.source),
          checkerUserId: p.checker.userId,
          first,
          second,
          comparison: compared.error.comparison?.fields ?? null,
        },
      },
    };
  }
  const { checker: _credentials, ...entered } = dc;
  return {
    ok: true,
    value: {
      checkerUserId: p.checker.userId,
      secondFactor: p.checker.secondFactor,
      entered,
      first,
      second,
      comparison: compared.value.fields,
      policy: formatRef(compared.value.policy.source),
      maxRelativeDifference: compared.value.policy.maxRelativeDifference,
    },
  };
}
