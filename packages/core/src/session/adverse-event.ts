/**
 * Adverse events charted during a session (issue 4 Deliver 4): type, severity, start and end,
 * action taken, and rescue medication with dose and route, validated against the cited
 * vocabulary in knowledge/charting/adverse-events. Rescue doses are recorded as given; they are
 * checked for shape (positive, finite, the agent's unit and an allowed route), not limited.
 */
import { err, ok, type Result } from '../result.ts';
import { parseEnvelope } from '../knowledge/envelope.ts';
import type { KnowledgeRef } from '../knowledge/types.ts';
import vocabularyJson from '../../knowledge/charting/adverse-events@0.1.0.json' with { type: 'json' };

export interface RescueMedicationDefinition {
  readonly code: string;
  readonly label: string;
  /** Unit the dose is charted in, e.g. `mg`, `L/min`. */
  readonly doseUnit: string;
  readonly routes: readonly string[];
}

export interface AdverseEventVocabulary {
  readonly source: KnowledgeRef;
  readonly eventTypes: readonly string[];
  readonly severities: readonly string[];
  readonly rescueMedications: readonly RescueMedicationDefinition[];
}

/** A charted adverse event; times are epoch ms. */
export interface AdverseEventInput {
  readonly type: string;
  readonly severity: string;
  readonly startedAtMs: number;
  /** Absent while the event is ongoing. */
  readonly endedAtMs?: number;
  /** What was done (pause, stop, reassure, …); required. */
  readonly action: string;
  /** Free text, required when type is `other`. */
  readonly description?: string;
  readonly rescue?: readonly {
    readonly medication: string;
    /** In the medication's `doseUnit`, > 0. */
    readonly dose: number;
    readonly doseUnit: string;
    readonly route: string;
    readonly givenAtMs: number;
  }[];
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((s) => typeof s === 'string' && s !== '');
const invalid = (field: string, message: string): Result<never> =>
  err({ code: 'adverse-event.invalid', field, message });

/** Parses the adverse-event vocabulary file. */
export function parseAdverseEventVocabulary(raw: unknown): Result<AdverseEventVocabulary> {
  const env = parseEnvelope(raw);
  if (!env.ok) return env;
  const { eventTypes, severities, rescueMedications } = env.value.data;
  if (
    !Array.isArray(eventTypes) ||
    !eventTypes.every((t) => isRecord(t) && typeof t.code === 'string')
  ) {
    return err({
      code: 'knowledge.invalid-charting-data',
      field: 'data.eventTypes',
      message: 'eventTypes must list objects with a code.',
    });
  }
  if (!strings(severities) || !Array.isArray(rescueMedications)) {
    return err({
      code: 'knowledge.invalid-charting-data',
      field: 'data',
      message: 'severities and rescueMedications must be lists.',
    });
  }
  const meds: RescueMedicationDefinition[] = [];
  for (const [i, m] of rescueMedications.entries()) {
    if (
      !isRecord(m) ||
      typeof m.code !== 'string' ||
      typeof m.label !== 'string' ||
      typeof m.doseUnit !== 'string' ||
      !strings(m.routes)
    ) {
      return err({
        code: 'knowledge.invalid-charting-data',
        field: `data.rescueMedications[${i}]`,
        message: 'Each rescue medication needs code, label, doseUnit and routes.',
      });
    }
    meds.push({ code: m.code, label: m.label, doseUnit: m.doseUnit, routes: m.routes });
  }
  return ok({
    source: { id: env.value.id, version: env.value.version },
    eventTypes: eventTypes.map((t) => String((t as Record<string, unknown>).code)),
    severities,
    rescueMedications: meds,
  });
}

const shipped = parseAdverseEventVocabulary(vocabularyJson);
if (!shipped.ok)
  throw new Error(`Shipped adverse-event vocabulary is invalid: ${shipped.error.message}`);
/** Default vocabulary: adverse-events@0.1.0 (draft). */
export const defaultAdverseEventVocabulary: AdverseEventVocabulary = shipped.value;

const time = (v: number): boolean => Number.isSafeInteger(v) && v >= 0;

/** Validates one adverse event; errors are `adverse-event.invalid` naming the field. */
export function validateAdverseEvent(
  input: AdverseEventInput,
  vocabulary: AdverseEventVocabulary,
): Result<AdverseEventInput> {
  if (!vocabulary.eventTypes.includes(input.type))
    return invalid('type', `type must be one of ${vocabulary.eventTypes.join(', ')}.`);
  if (!vocabulary.severities.includes(input.severity))
    return invalid('severity', `severity must be one of ${vocabulary.severities.join(', ')}.`);
  if (!time(input.startedAtMs))
    return invalid('startedAtMs', 'startedAtMs must be whole epoch milliseconds.');
  if (
    input.endedAtMs !== undefined &&
    (!time(input.endedAtMs) || input.endedAtMs < input.startedAtMs)
  ) {
    return invalid('endedAtMs', 'endedAtMs must not be before startedAtMs.');
  }
  if (input.action.trim() === '') return invalid('action', 'Record the action taken.');
  if (input.type === 'other' && (input.description ?? '').trim() === '') {
    return invalid('description', 'Describe an adverse event of type "other".');
  }
  for (const [i, r] of (input.rescue ?? []).entries()) {
    const field = `rescue[${i}]`;
    const med = vocabulary.rescueMedications.find((m) => m.code === r.medication);
    if (med === undefined) {
      return invalid(
        `${field}.medication`,
        `medication must be one of ${vocabulary.rescueMedications.map((m) => m.code).join(', ')}.`,
      );
    }
    if (!Number.isFinite(r.dose) || r.dose <= 0)
      return invalid(`${field}.dose`, 'The rescue dose must be a number greater than 0.');
    if (r.doseUnit !== med.doseUnit) {
      return invalid(
        `${field}.doseUnit`,
        `${med.label} is charted in ${med.doseUnit}, not ${r.doseUnit}.`,
      );
    }
    if (!med.routes.includes(r.route))
      return invalid(
        `${field}.route`,
        `${med.label} route must be one of ${med.routes.join(', ')}.`,
      );
    if (!time(r.givenAtMs))
      return invalid(`${field}.givenAtMs`, 'givenAtMs must be whole epoch milliseconds.');
  }
  return ok(input);
}
