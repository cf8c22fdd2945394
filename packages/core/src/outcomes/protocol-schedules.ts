/**
 * Which questionnaire schedule a new course starts with, per protocol: a knowledge file of kind
 * `questionnaire-schedule-defaults` maps protocol ids to schedule id@version (a clinic then edits
 * its course's own copy). Every schedule it names must be a shipped schedule file, so a release
 * cannot point a protocol at a schedule that does not exist.
 */
import { ok, type Result } from '../result.ts';
import {
  defaultQuestionnaireSchedule,
  type QuestionnaireSchedule,
} from './questionnaire-schedule.ts';
import { readArray, readEach, readKnowledge, readObject, readString } from './read-fields.ts';
import protocolDefaultsJson from '../../knowledge/questionnaire-schedule-defaults/protocol-questionnaire-schedules@1.0.0.json' with { type: 'json' };

export interface ProtocolScheduleDefaults {
  readonly ref: { readonly id: string; readonly version: string };
  /** Protocol id → the schedule a new course of it starts with. */
  readonly byProtocol: ReadonlyMap<string, QuestionnaireSchedule>;
  /** For a protocol the file does not list. */
  readonly otherwise: QuestionnaireSchedule;
}

const refOf = (s: QuestionnaireSchedule): string => `${s.ref.id}@${s.ref.version}`;

/**
 * Parses the defaults file against the available schedules; a schedule reference that names none of
 * them is refused with the field that names it.
 */
export const parseProtocolScheduleDefaults = (
  json: unknown,
  schedules: readonly QuestionnaireSchedule[],
): Result<ProtocolScheduleDefaults> => {
  const knowledge = readKnowledge(json, 'questionnaire-schedule-defaults');
  if (!knowledge.ok) return knowledge;
  const { ref, data } = knowledge.value;
  const byRef = new Map(schedules.map((s) => [refOf(s), s]));
  const schedule = (value: unknown, field: string): Result<QuestionnaireSchedule> => {
    const name = readString(value, field);
    if (!name.ok) return name;
    const found = byRef.get(name.value);
    if (found !== undefined) return ok(found);
    return {
      ok: false,
      error: {
        code: 'knowledge.unknown-schedule',
        field,
        message: `${field} names "${name.value}", which is not a shipped questionnaire schedule; use one of ${[...byRef.keys()].join(', ')}.`,
      },
    };
  };
  const list = readArray(data['byProtocol'], 'data.byProtocol');
  if (!list.ok) return list;
  const entries = readEach(list.value, 'data.byProtocol', (value, field) => {
    const entry = readObject(value, field);
    if (!entry.ok) return entry;
    const protocolId = readString(entry.value['protocolId'], `${field}.protocolId`);
    if (!protocolId.ok) return protocolId;
    const named = schedule(entry.value['schedule'], `${field}.schedule`);
    return named.ok ? ok([protocolId.value, named.value] as const) : named;
  });
  if (!entries.ok) return entries;
  const otherwise = schedule(data['otherwise'], 'data.otherwise');
  if (!otherwise.ok) return otherwise;
  const byProtocol = new Map<string, QuestionnaireSchedule>();
  for (const [index, [protocolId, named]] of entries.value.entries()) {
    if (byProtocol.has(protocolId)) {
      return {
        ok: false,
        error: {
          code: 'knowledge.duplicate-id',
          field: `data.byProtocol[${String(index)}].protocolId`,
          message: `Protocol "${protocolId}" is listed twice; keep one entry per protocol.`,
        },
      };
    }
    byProtocol.set(protocolId, named);
  }
  return ok({ ref, byProtocol, otherwise: otherwise.value });
};

/** The shipped schedules and defaults; a corrupt release is a programming error. */
const shippedDefaults = (() => {
  const schedule = defaultQuestionnaireSchedule();
  if (!schedule.ok) throw new Error(`shipped schedule is invalid: ${schedule.error.message}`);
  const defaults = parseProtocolScheduleDefaults(protocolDefaultsJson, [schedule.value]);
  if (!defaults.ok) throw new Error(`shipped schedule defaults: ${defaults.error.message}`);
  return defaults.value;
})();

/** The schedule a new course of `protocolId` starts with, and the defaults file that chose it. */
export const defaultScheduleForProtocol = (
  protocolId: string,
  defaults: ProtocolScheduleDefaults = shippedDefaults,
): {
  readonly schedule: QuestionnaireSchedule;
  readonly chosenBy: ProtocolScheduleDefaults['ref'];
} => ({
  schedule: defaults.byProtocol.get(protocolId) ?? defaults.otherwise,
  chosenBy: defaults.ref,
});
