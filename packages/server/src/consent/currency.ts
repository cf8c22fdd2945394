/**
 * "Consent current": the patient has a consent record for the clinic's latest consent-text version
 * and it has not been revoked. Infusion sessions call `consentIsCurrent` inside their own transaction
 * before any infusion (pre-infusion checks).
 */
import type { Scope } from '../access/scope.ts';
import type { Tx } from '../db/client.ts';
import {
  consentRecordsOf,
  latestConsentText,
  revocationsOf,
  type ConsentRecordRow,
} from './repository.ts';

export interface ConsentCurrency {
  readonly current: boolean;
  /** Why not current, in words for the screen; null when current. */
  readonly reason: string | null;
  /** The record that makes consent current, or null. */
  readonly consentRecordId: string | null;
  /** The clinic's latest consent-text version (0 when the clinic has none yet). */
  readonly latestTextVersion: number;
}

/** Pure decision over the rows, shared by the service's status view. */
export function consentCurrencyOf(
  records: readonly ConsentRecordRow[],
  revokedIds: ReadonlySet<string>,
  latestTextVersion: number,
): ConsentCurrency {
  const forLatest = records.filter((r) => r.textVersion === latestTextVersion);
  const valid = forLatest.find((r) => !revokedIds.has(r.id));
  if (valid !== undefined) {
    return { current: true, reason: null, consentRecordId: valid.id, latestTextVersion };
  }
  const reason =
    records.length === 0
      ? 'No consent is recorded.'
      : forLatest.length === 0
        ? `Consent was given to an older text; the patient must consent to version ${String(latestTextVersion)}.`
        : 'The consent to the current text was revoked.';
  return { current: false, reason, consentRecordId: null, latestTextVersion };
}

/**
 * Whether the patient's consent is current at `now` (consents take effect when attested; a record
 * attested after `now` does not count yet).
 */
export async function consentIsCurrent(
  tx: Tx,
  scope: Scope,
  patientId: string,
  now: Date,
): Promise<ConsentCurrency> {
  const text = await latestConsentText(tx, scope.clinicId);
  const records = (await consentRecordsOf(tx, scope, patientId)).filter(
    (r) => r.attestedAt.getTime() <= now.getTime(),
  );
  const revoked = await revocationsOf(
    tx,
    records.map((r) => r.id),
  );
  const revokedIds = new Set(
    revoked.filter((r) => r.revokedAt.getTime() <= now.getTime()).map((r) => r.consentRecordId),
  );
  return consentCurrencyOf(records, revokedIds, text?.version ?? 0);
}
