/** The eligibility rule sets shipped with Ketaflow, parsed once. */
import { parseEligibilityRuleSet, type EligibilityRuleSet } from './rule-set.ts';
import cohen2018 from '../../knowledge/eligibility/ketamine-chronic-pain-cohen-2018@1.0.0.json' with { type: 'json' };

function load(raw: unknown): EligibilityRuleSet {
  const parsed = parseEligibilityRuleSet(raw);
  // Shipped files are validated by the test suite; reaching this means a corrupted release.
  if (!parsed.ok)
    throw new Error(`Shipped eligibility rule set is invalid: ${parsed.error.message}`);
  return parsed.value;
}

/** Chronic-pain ketamine eligibility following Cohen 2018 (ketamine-chronic-pain-cohen-2018@1.0.0, draft). */
export const KETAMINE_CHRONIC_PAIN_RULES: EligibilityRuleSet = load(cohen2018);
