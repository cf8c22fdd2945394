/** Pharmacodynamics: long-lasting CRPS relief after a ketamine course (Dahan 2011). */
export { predictRelief, type ReliefInput, type ReliefOutput } from './crps-relief.ts';
export { resolveReliefModel, type ReliefModel, type ReliefModelData } from './pd-model.ts';
