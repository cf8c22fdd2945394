/**
 * PD model knowledge (knowledge/pd-models): the Dahan 2011 CRPS relief model, parsed into a
 * typed value and resolved by id and optional version (newest released when none is named;
 * drafts only by explicit version, with a warning).
 */
import { err, ok, type Result, type Warning } from '../result.ts';
import { formatRef, type KnowledgeRef } from '../knowledge/types.ts';
import { asResult, parseEnvelopeHead, parseValidatedPopulation } from '../pk/parse-model.ts';
import { compareVersions, type ModelSelector } from '../pk/model-catalog.ts';
import type { PkDrug, ValidatedPopulation } from '../pk/model-types.ts';
import dahan2011 from '../../knowledge/pd-models/crps-relief-dahan-2011@1.0.0.json' with { type: 'json' };

export interface ReliefModelData {
  /** Drug whose plasma concentration drives the effect. */
  readonly drug: PkDrug;
  /** Concentration at half-maximal relief, ng/mL. */
  readonly c50NgPerMl: number;
  /** Onset/offset half-time of the effect compartment, days. */
  readonly effectHalfTimeDays: number;
  /** Hill (sigmoidicity) coefficient, dimensionless. */
  readonly hill: number;
  readonly hillBasis: 'published' | 'assumed';
  readonly validatedPopulation: ValidatedPopulation;
}

export interface ReliefModel {
  readonly ref: KnowledgeRef;
  readonly status: 'draft' | 'released' | 'retired';
  readonly data: ReliefModelData;
}

export const PD_MODEL_FILES: readonly unknown[] = [dahan2011];

const positiveField = (o: Record<string, unknown>, key: string): number => {
  const v = o[key];
  if (typeof v === 'number' && Number.isFinite(v) && v > 0) return v;
  throw new TypeError(`data.${key}`);
};

/** Parses one PD model file; `pd.model-invalid` names the first bad field. */
export function parseReliefModel(json: unknown): Result<ReliefModel> {
  const head = asResult(() => parseEnvelopeHead(json, 'pd-model'));
  if (!head.ok) return err({ ...head.error, code: 'pd.model-invalid' });
  const d = head.value.data;
  if (typeof d !== 'object' || d === null)
    return err({ code: 'pd.model-invalid', field: 'data', message: 'data must be an object.' });
  const o = d as Record<string, unknown>;
  try {
    const drug = o['drug'];
    if (drug !== 'racemic-ketamine' && drug !== 's-ketamine') throw new TypeError('data.drug');
    const hillBasis = o['hillBasis'];
    if (hillBasis !== 'published' && hillBasis !== 'assumed') throw new TypeError('data.hillBasis');
    const population = asResult(() =>
      parseValidatedPopulation(o['validatedPopulation'], 'data.validatedPopulation'),
    );
    if (!population.ok) return err({ ...population.error, code: 'pd.model-invalid' });
    return ok({
      ref: { id: head.value.id, version: head.value.version },
      status: head.value.status,
      data: {
        drug,
        c50NgPerMl: positiveField(o, 'c50NgPerMl'),
        effectHalfTimeDays: positiveField(o, 'effectHalfTimeDays'),
        hill: positiveField(o, 'hill'),
        hillBasis,
        validatedPopulation: population.value,
      },
    });
  } catch (e) {
    if (e instanceof TypeError)
      return err({
        code: 'pd.model-invalid',
        field: e.message,
        message: `${e.message} is missing or invalid in the PD model file.`,
      });
    throw e;
  }
}

/** Resolves a PD model (see module header for version rules). */
export function resolveReliefModel(
  selector: ModelSelector,
): Result<{ model: ReliefModel; warnings: Warning[] }> {
  const models: ReliefModel[] = [];
  for (const f of PD_MODEL_FILES) {
    const m = parseReliefModel(f);
    if (!m.ok) return m;
    models.push(m.value);
  }
  const candidates = models.filter((m) => m.ref.id === selector.id);
  if (candidates.length === 0)
    return err({
      code: 'pd.model-unknown',
      field: 'model.id',
      message: `model.id "${selector.id}" is not a known PD model; use one of ${models.map((m) => m.ref.id).join(', ')}.`,
    });
  const model =
    selector.version !== undefined
      ? candidates.find((m) => m.ref.version === selector.version)
      : candidates
          .filter((m) => m.status === 'released')
          .sort((a, b) => compareVersions(b.ref.version, a.ref.version))[0];
  if (!model)
    return err({
      code: selector.version !== undefined ? 'pd.model-version-unknown' : 'pd.model-not-released',
      field: 'model.version',
      message:
        selector.version !== undefined
          ? `model.version "${selector.version}" does not exist for ${selector.id}.`
          : `${selector.id} has no released version; name a draft version explicitly (model.version) to use it with a warning.`,
    });
  if (model.status === 'retired')
    return err({
      code: 'pd.model-retired',
      field: 'model.version',
      message: `${formatRef(model.ref)} is retired.`,
    });
  return ok({
    model,
    warnings:
      model.status === 'draft'
        ? [
            {
              code: 'pd.draft-model',
              field: 'model.version',
              message: `${formatRef(model.ref)} is a draft: its data are not fully verified (see the model notes).`,
            },
          ]
        : [],
  });
}
