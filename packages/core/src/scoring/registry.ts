/**
 * The instruments shipped with Ketaflow, parsed once: list them or find one by id (and
 * version). Each comes from packages/core/knowledge/instruments/<id>@<version>.json.
 */
import { err, ok, type Result } from '../result.ts';
import { parseInstrument, type Instrument } from './instrument.ts';
import cadss23 from '../../knowledge/instruments/cadss-23@1.0.0.json' with { type: 'json' };
import crpsSeverityScore from '../../knowledge/instruments/crps-severity-score@1.0.0.json' with { type: 'json' };
import fiqr from '../../knowledge/instruments/fiqr@1.0.0.json' with { type: 'json' };
import gad7 from '../../knowledge/instruments/gad-7@1.0.0.json' with { type: 'json' };
import moaaS from '../../knowledge/instruments/moaa-s@1.0.0.json' with { type: 'json' };
import modifiedAldrete from '../../knowledge/instruments/modified-aldrete@1.0.0.json' with { type: 'json' };
import nrs010 from '../../knowledge/instruments/nrs-0-10@1.0.0.json' with { type: 'json' };
import peg from '../../knowledge/instruments/peg@1.0.0.json' with { type: 'json' };
import pgic from '../../knowledge/instruments/pgic@1.0.0.json' with { type: 'json' };
import phq9 from '../../knowledge/instruments/phq-9@1.0.0.json' with { type: 'json' };
import promisPi4a from '../../knowledge/instruments/promis-pain-interference-4a@1.0.0.json' with { type: 'json' };
import rass from '../../knowledge/instruments/rass@1.0.0.json' with { type: 'json' };

const shippedFiles: readonly unknown[] = [
  nrs010,
  peg,
  pgic,
  phq9,
  gad7,
  fiqr,
  crpsSeverityScore,
  promisPi4a,
  modifiedAldrete,
  rass,
  moaaS,
  cadss23,
];

function parseShipped(): readonly Instrument[] {
  return shippedFiles.map((file) => {
    const parsed = parseInstrument(file);
    // Shipped files are validated by the test suite; reaching this means a corrupted release.
    if (!parsed.ok) throw new Error(`Shipped instrument is invalid: ${parsed.error.message}`);
    return parsed.value;
  });
}

const shipped = parseShipped();

/** Every shipped instrument (all versions). */
export const listInstruments = (): readonly Instrument[] => shipped;

/**
 * Finds a shipped instrument by id and, optionally, exact version (the highest version when
 * omitted).
 */
export function findInstrument(id: string, version?: string): Result<Instrument> {
  const candidates = shipped
    .filter((i) => i.ref.id === id && (version === undefined || i.ref.version === version))
    .sort((a, b) => compareVersions(b.ref.version, a.ref.version));
  const found = candidates[0];
  if (found === undefined) {
    const ids = [...new Set(shipped.map((i) => i.ref.id))].join(', ');
    return err({
      code: 'scoring.unknown-instrument',
      field: version === undefined ? 'instrument' : 'instrument.version',
      message: `No shipped instrument ${id}${version === undefined ? '' : `@${version}`}; known: ${ids}.`,
    });
  }
  return ok(found);
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
