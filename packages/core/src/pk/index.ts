/** Pharmacokinetics: ketamine models, exact simulation, target-controlled infusion, virtual populations. */
export type { PkModel, PkModelData, PkDrug } from './model-types.ts';
export type { PkPatient } from './patient.ts';
export type { Bolus, Infusion } from './dosing-plan.ts';
export { resolvePkModel, pkModels, type ModelSelector } from './model-catalog.ts';
export {
  simulate,
  parseSimulateInput,
  type SimulateInput,
  type SimulateOutput,
} from './simulate.ts';
export { targetControlledInfusion, type TciInput, type TciOutput, type TciTarget } from './tci.ts';
export {
  simulatePopulation,
  type PopulationInput,
  type PopulationOutput,
  type Band,
  type TargetRange,
} from './population.ts';
export { createRng, type Rng } from './random.ts';
export { createOutputMemory, type OutputMemory } from './output-memory.ts';
export { NG_PER_ML_PER_MG_PER_L, mgPerLToNgPerMl } from './concentration.ts';
