/**
 * The PK models shipped with Ketaflow (knowledge/pk-models) and lookup by id and optional
 * version: without a version the newest released one is used; drafts must be asked for by
 * version and always carry a warning.
 */
import { err, ok, type Result, type Warning } from '../result.ts';
import { formatRef } from '../knowledge/types.ts';
import { parsePkModel } from './parse-model.ts';
import type { PkModel } from './model-types.ts';
import domino1982 from '../../knowledge/pk-models/ketamine-domino-1982@1.0.0.json' with { type: 'json' };
import clements1981 from '../../knowledge/pk-models/ketamine-clements-1981@1.0.0.json' with { type: 'json' };
import hijazi2003 from '../../knowledge/pk-models/ketamine-hijazi-2003@1.0.0.json' with { type: 'json' };
import herd2007 from '../../knowledge/pk-models/ketamine-herd-2007@1.0.0.json' with { type: 'json' };
import flint2017 from '../../knowledge/pk-models/s-ketamine-flint-2017@1.0.0.json' with { type: 'json' };

/** Raw knowledge files, exported for schema tests. */
export const PK_MODEL_FILES: readonly unknown[] = [
  domino1982,
  clements1981,
  hijazi2003,
  herd2007,
  flint2017,
];

let parsed: Result<readonly PkModel[]> | undefined;

/** All shipped models, parsed once. */
export function pkModels(): Result<readonly PkModel[]> {
  if (parsed === undefined) {
    const out: PkModel[] = [];
    for (const file of PK_MODEL_FILES) {
      const model = parsePkModel(file);
      if (!model.ok) return (parsed = model);
      out.push(model.value);
    }
    parsed = ok(out);
  }
  return parsed;
}

/** Compares dotted numeric versions ("1.10.0" > "1.9.2"). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export interface ModelSelector {
  readonly id: string;
  readonly version?: string;
}

/**
 * Resolves a model. Errors: `pk.model-unknown`, `pk.model-version-unknown`,
 * `pk.model-not-released` (only drafts exist and no version was named), `pk.model-retired`.
 */
export function resolvePkModel(
  selector: ModelSelector,
): Result<{ model: PkModel; warnings: Warning[] }> {
  const all = pkModels();
  if (!all.ok) return all;
  const candidates = all.value.filter((m) => m.ref.id === selector.id);
  if (candidates.length === 0)
    return err({
      code: 'pk.model-unknown',
      field: 'model.id',
      message: `model.id "${selector.id}" is not a known PK model; use one of ${[...new Set(all.value.map((m) => m.ref.id))].join(', ')}.`,
    });
  let model: PkModel | undefined;
  if (selector.version !== undefined) {
    model = candidates.find((m) => m.ref.version === selector.version);
    if (!model)
      return err({
        code: 'pk.model-version-unknown',
        field: 'model.version',
        message: `model.version "${selector.version}" does not exist for ${selector.id}; available: ${candidates.map((m) => m.ref.version).join(', ')}.`,
      });
  } else {
    model = candidates
      .filter((m) => m.status === 'released')
      .sort((a, b) => compareVersions(b.ref.version, a.ref.version))[0];
    if (!model)
      return err({
        code: 'pk.model-not-released',
        field: 'model.version',
        message: `${selector.id} has no released version; name a draft version explicitly (model.version) to use it with a warning.`,
      });
  }
  if (model.status === 'retired')
    return err({
      code: 'pk.model-retired',
      field: 'model.version',
      message: `${formatRef(model.ref)} is retired; use a current version.`,
    });
  const warnings: Warning[] =
    model.status === 'draft'
      ? [
          {
            code: 'pk.draft-model',
            field: 'model.version',
            message: `${formatRef(model.ref)} is a draft: its data are not fully verified (see the model notes).`,
          },
        ]
      : [];
  return ok({ model, warnings });
}
