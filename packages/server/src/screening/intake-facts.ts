/**
 * Maps an intake document to the facts vocabulary of the eligibility rule set. Only what the intake
 * records becomes a fact; anything not recorded stays null (unknown), never false, so core reports it
 * as unknown and the decision needs review rather than passing silently.
 */
import type { IntakeDocument } from '@ketaflow/contract';
import type { PatientFacts } from '@ketaflow/core';

/** Prior treatments count as treatment-resistance evidence when they failed or were not tolerated. */
const RESISTANCE_REASONS = new Set(['ineffective', 'not-tolerated']);

const known = <T>(value: T | null | undefined): T | null => value ?? null;

export function intakeFacts(document: IntakeDocument): PatientFacts {
  const c = document.comorbidities;
  const pregnancy = document.pregnancy?.status;
  return {
    diagnoses: document.diagnoses === undefined ? null : document.diagnoses.map((d) => d.code),
    painDurationMonths: known(document.painHistory?.durationMonths),
    priorTreatments:
      document.priorTreatments === undefined
        ? null
        : [
            ...new Set(
              document.priorTreatments
                .filter((t) => RESISTANCE_REASONS.has(t.stoppedBecause))
                .map((t) => t.treatmentClass),
            ),
          ],
    pregnant: pregnancy === undefined || pregnancy === 'unknown' ? null : pregnancy === 'pregnant',
    poorlyControlledCardiovascularDisease: known(c?.poorlyControlledCardiovascularDisease),
    uncontrolledHypertension: known(c?.uncontrolledHypertension),
    activePsychosis: known(document.psychiatric?.activePsychosis),
    psychosisHistory: known(document.psychiatric?.psychosisHistory),
    hepaticDysfunction: known(c?.hepaticDysfunction),
    raisedIntracranialPressure: known(c?.raisedIntracranialPressure),
    raisedIntraocularPressure: known(c?.raisedIntraocularPressure),
    activeSubstanceMisuse: known(document.substanceUse?.activeSubstanceMisuse),
    ketamineHypersensitivity: known(c?.ketamineHypersensitivity),
    cardiovascularRisk: known(c?.cardiovascularRisk),
    hepatotoxicityRisk: known(c?.hepatotoxicityRisk),
    baselineEcgDone: known(document.baselineTests?.baselineEcgDone),
    baselineLiverTestsDone: known(document.baselineTests?.baselineLiverTestsDone),
  };
}
