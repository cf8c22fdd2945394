/** Shared fixtures for the dosing tests: shipped protocol refs and a default input builder. */
import type { DoseInput } from './dose-types.ts';

export const CRPS = { id: 'crps-outpatient-schwartzman', version: '1.0.0' } as const;
export const FIBRO = { id: 'fibromyalgia-single-infusion', version: '1.0.0' } as const;
export const NEURO = { id: 'neuropathic-pain-amr', version: '1.0.0' } as const;
export const TITRATION = { id: 'titration-racemic-10-to-40', version: '1.0.0' } as const;

/** A synthetic, obviously fictional patient: 70 kg, 175 cm, nothing given yet, 1 mg/mL library bag. */
export const doseInput = (overrides: Partial<DoseInput> = {}): DoseInput => ({
  protocol: CRPS,
  patient: { weightKg: 70, heightCm: 175, sex: 'female' },
  concentration: { mgPerMl: 1, source: 'library' },
  alreadyGivenMg: { session: 0, day: 0, course: 0 },
  ...overrides,
});
