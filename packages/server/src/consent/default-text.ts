/**
 * The default informed-consent text every clinic starts with (version 1), in plain language, built
 * from the consent norms of clinical.md 8.3: off-label and elective use with no guarantee of benefit
 * [R9]; a defined goal and course with the lowest effective dose, and watchfulness for misuse [G5]; the
 * risks of clinical.md 3 (blood pressure rise, dream-like or frightening experiences, nausea, liver and
 * bladder problems with repeated treatment, misuse) [P2, A2, A6]; no driving for at least 8 hours and an
 * adult escort home [P13]. A clinic's medical director should review it and publish their own version.
 */
export const DEFAULT_CONSENT_TITLE = 'Consent to ketamine infusion treatment for chronic pain';

export const DEFAULT_CONSENT_CHANGE_NOTE =
  'Default text shipped with Ketaflow (clinical.md 8.3); to be reviewed by the medical director.';

export const DEFAULT_CONSENT_BODY = [
  'What this treatment is. Ketamine is an anesthetic medicine. Using it by intravenous infusion for chronic pain is "off-label": the FDA has not approved it for this use. The treatment is elective: you choose it, and you may say no or stop at any time without losing your other care. Some people get less pain, some get no benefit, and the benefit may not last. No result is promised.',
  'What we plan. Your prescriber will agree a goal with you and a course with a set number of infusions. We use the lowest dose that helps, worked out from your weight and the treatment protocol, and we stop if it is not helping or causes harm.',
  'Possible side effects. During and after an infusion you may have a rise in blood pressure or heart rate, dream-like, strange or frightening feelings, dizziness, blurred vision, nausea or vomiting, and sleepiness. Staff will check your breathing, blood pressure, heart rate and oxygen regularly and can slow or stop the infusion. With repeated treatment, ketamine can harm the liver and the bladder; tell us about pain when passing urine, blood in the urine or yellowing of the skin or eyes. Ketamine can be misused; we keep it locked and counted, and we will ask about other medicines, alcohol and drugs.',
  'Before and after each infusion. Follow the fasting instructions you are given. Tell us if you are or might be pregnant; a pregnancy test may be needed. You must not drive, operate machinery or make important decisions for at least 8 hours after an infusion, and an adult must take you home.',
  'Your agreement. By typing your full name you confirm that this text was explained to you, that you could ask questions and got answers, and that you agree to the treatment. You may withdraw your consent at any time by telling the clinic staff.',
].join('\n\n');
