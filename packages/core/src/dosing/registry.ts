/**
 * The shipped dosing knowledge: every protocol and drug-library file bundled with core, parsed
 * and cross-checked once at import (each protocol's drug library must exist). A broken shipped
 * file is a release defect, so it throws at load; the tests load it on every run.
 */
import { err, ok, type Result } from '../result.ts';
import { formatRef, type KnowledgeRef } from '../knowledge/types.ts';
import { shippedBodySize, type BodySizeKnowledge } from '../body/body-size-knowledge.ts';
import { parseDrugLibrary, type DrugLibraryEntry } from './drug-library.ts';
import { parseProtocol, type Protocol } from './protocol.ts';
import ketamineRacemicIv from '../../knowledge/drug-library/ketamine-racemic-iv@1.0.0.json' with { type: 'json' };
import crpsSchwartzman from '../../knowledge/protocols/crps-outpatient-schwartzman@1.0.0.json' with { type: 'json' };
import fibromyalgiaSingle from '../../knowledge/protocols/fibromyalgia-single-infusion@1.0.0.json' with { type: 'json' };
import neuropathicAmr from '../../knowledge/protocols/neuropathic-pain-amr@1.0.0.json' with { type: 'json' };
import titration from '../../knowledge/protocols/titration-racemic-10-to-40@1.0.0.json' with { type: 'json' };

/** Everything the dose calculator reads. */
export interface DosingKnowledge {
  readonly protocols: readonly Protocol[];
  readonly drugLibraries: readonly DrugLibraryEntry[];
  readonly bodySize: BodySizeKnowledge;
}

const sameRef = (a: KnowledgeRef, b: KnowledgeRef): boolean =>
  a.id === b.id && a.version === b.version;

/** Parses raw protocol and drug-library files and checks that every reference resolves. */
export function buildDosingKnowledge(raw: {
  readonly protocols: readonly unknown[];
  readonly drugLibraries: readonly unknown[];
  readonly bodySize: BodySizeKnowledge;
}): Result<DosingKnowledge> {
  const drugLibraries: DrugLibraryEntry[] = [];
  for (const file of raw.drugLibraries) {
    const parsed = parseDrugLibrary(file);
    if (!parsed.ok) return parsed;
    drugLibraries.push(parsed.value);
  }
  const protocols: Protocol[] = [];
  for (const file of raw.protocols) {
    const parsed = parseProtocol(file);
    if (!parsed.ok) return parsed;
    const p = parsed.value;
    if (!drugLibraries.some((l) => sameRef(l.ref, p.drugLibrary))) {
      return err({
        code: 'knowledge.unresolved-reference',
        field: `${formatRef(p.ref)}.data.drugLibrary`,
        message: `Protocol ${formatRef(p.ref)} names drug library ${formatRef(p.drugLibrary)}, which is not loaded.`,
      });
    }
    if (protocols.some((q) => sameRef(q.ref, p.ref))) {
      return err({
        code: 'knowledge.duplicate',
        field: formatRef(p.ref),
        message: `Protocol ${formatRef(p.ref)} is loaded twice.`,
      });
    }
    protocols.push(p);
  }
  return ok({ protocols, drugLibraries, bodySize: raw.bodySize });
}

const shipped = buildDosingKnowledge({
  protocols: [crpsSchwartzman, fibromyalgiaSingle, neuropathicAmr, titration],
  drugLibraries: [ketamineRacemicIv],
  bodySize: shippedBodySize,
});
if (!shipped.ok) throw new Error(`Shipped dosing knowledge is invalid: ${shipped.error.message}`);

/** The protocols, drug library and body-size knowledge shipped with this version of core. */
export const shippedDosingKnowledge: DosingKnowledge = shipped.value;

/** Every shipped protocol version (drafts included; check `status` before clinical use). */
export const listProtocols = (
  knowledge: DosingKnowledge = shippedDosingKnowledge,
): readonly Protocol[] => knowledge.protocols;

/** One protocol by id and exact version, or undefined. */
export const findProtocol = (
  ref: KnowledgeRef,
  knowledge: DosingKnowledge = shippedDosingKnowledge,
): Protocol | undefined => knowledge.protocols.find((p) => sameRef(p.ref, ref));

/** One drug-library entry by id and exact version, or undefined. */
export const findDrugLibrary = (
  ref: KnowledgeRef,
  knowledge: DosingKnowledge = shippedDosingKnowledge,
): DrugLibraryEntry | undefined => knowledge.drugLibraries.find((l) => sameRef(l.ref, ref));
