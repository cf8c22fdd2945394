/**
 * How a patient prepares for an infusion, as cited data (knowledge kind `patient-instructions`):
 * plain-language sections shown in the portal. A section may apply only when a course's protocol
 * sets a pre-check flag (fasting, escort), so the text follows the protocol's own rules.
 */
import type { KnowledgeRef } from '../knowledge/types.ts';
import { ok, type Result } from '../result.ts';
import {
  readArray,
  readEach,
  readEnum,
  readKnowledge,
  readObject,
  readString,
} from './read-fields.ts';
import preparationJson from '../../knowledge/patient-instructions/infusion-preparation@1.0.0.json' with { type: 'json' };

export const PREPARATION_CONDITIONS = ['always', 'fastingRequired', 'escortRequired'] as const;

export interface PreparationSection {
  readonly id: string;
  readonly heading: string;
  readonly text: string;
  readonly appliesWhen: (typeof PREPARATION_CONDITIONS)[number];
}

export interface PreparationInstructions {
  readonly ref: KnowledgeRef;
  readonly sections: readonly PreparationSection[];
}

/** The protocol pre-check flags a section can depend on (core Protocol.preChecks). */
export interface PreparationFlags {
  readonly fastingRequired: boolean;
  readonly escortRequired: boolean;
}

const readSection = (value: unknown, field: string): Result<PreparationSection> => {
  const object = readObject(value, field);
  if (!object.ok) return object;
  const o = object.value;
  const id = readString(o['id'], `${field}.id`);
  if (!id.ok) return id;
  const heading = readString(o['heading'], `${field}.heading`);
  if (!heading.ok) return heading;
  const text = readString(o['text'], `${field}.text`);
  if (!text.ok) return text;
  const appliesWhen = readEnum(o['appliesWhen'], `${field}.appliesWhen`, PREPARATION_CONDITIONS);
  if (!appliesWhen.ok) return appliesWhen;
  return ok({
    id: id.value,
    heading: heading.value,
    text: text.value,
    appliesWhen: appliesWhen.value,
  });
};

/** Parses a `patient-instructions` knowledge file. */
export const parsePreparationInstructions = (json: unknown): Result<PreparationInstructions> => {
  const knowledge = readKnowledge(json, 'patient-instructions');
  if (!knowledge.ok) return knowledge;
  const list = readArray(knowledge.value.data['sections'], 'data.sections');
  if (!list.ok) return list;
  const sections = readEach(list.value, 'data.sections', readSection);
  return sections.ok ? ok({ ref: knowledge.value.ref, sections: sections.value }) : sections;
};

/** The shipped preparation text (draft: reviewed by the clinic's medical director). */
export const defaultPreparationInstructions = (): Result<PreparationInstructions> =>
  parsePreparationInstructions(preparationJson);

/**
 * The sections for a patient whose courses' protocols set `flags` (a flag set by any course
 * counts); with no protocol known (`null`) every section is shown, erring on the side of telling.
 */
export const preparationSections = (
  instructions: PreparationInstructions,
  flags: PreparationFlags | null,
): readonly PreparationSection[] =>
  instructions.sections.filter(
    (s) => s.appliesWhen === 'always' || flags === null || flags[s.appliesWhen],
  );
