/**
 * Per-protocol schedule defaults: every shipped protocol starts with a shipped schedule, a protocol
 * the file does not list falls back to 'otherwise', and a reference to a schedule that does not exist
 * or a protocol listed twice is refused with the field that names it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { listProtocols } from '../dosing/registry.ts';
import { defaultScheduleForProtocol, parseProtocolScheduleDefaults } from './protocol-schedules.ts';
import { defaultQuestionnaireSchedule } from './questionnaire-schedule.ts';
import shippedJson from '../../knowledge/questionnaire-schedule-defaults/protocol-questionnaire-schedules@1.0.0.json' with { type: 'json' };

const schedule = defaultQuestionnaireSchedule();
if (!schedule.ok) throw new Error(schedule.error.message);
const known = [schedule.value];

test('every shipped protocol is listed and starts with a shipped schedule', () => {
  const defaults = parseProtocolScheduleDefaults(shippedJson, known);
  assert.ok(defaults.ok, defaults.ok ? 'parsed' : defaults.error.message);
  for (const protocol of listProtocols()) {
    assert.ok(defaults.value.byProtocol.has(protocol.ref.id), `${protocol.ref.id} is listed`);
    const chosen = defaultScheduleForProtocol(protocol.ref.id);
    assert.equal(chosen.schedule.ref.id, 'default-chronic-pain-schedule', protocol.ref.id);
    assert.deepEqual(chosen.chosenBy, { id: 'protocol-questionnaire-schedules', version: '1.0.0' });
  }
});

test('a protocol the file does not list starts with the otherwise schedule', () => {
  const other = { ...schedule.value, ref: { id: 'other-schedule', version: '2.0.0' } };
  const json = structuredClone(shippedJson) as { data: Record<string, unknown> };
  json.data['otherwise'] = 'other-schedule@2.0.0';
  const defaults = parseProtocolScheduleDefaults(json, [...known, other]);
  assert.ok(defaults.ok, defaults.ok ? 'parsed' : defaults.error.message);
  assert.equal(defaultScheduleForProtocol('not-a-protocol', defaults.value).schedule, other);
  assert.equal(
    defaultScheduleForProtocol('crps-outpatient-schwartzman', defaults.value).schedule,
    schedule.value,
  );
});

test('an unknown schedule reference or a protocol listed twice is refused, naming the field', () => {
  const unknown = structuredClone(shippedJson) as { data: { byProtocol: { schedule: string }[] } };
  const first = unknown.data.byProtocol[0];
  assert.ok(first !== undefined, 'the file lists protocols');
  first.schedule = 'no-such-schedule@1.0.0';
  const refused = parseProtocolScheduleDefaults(unknown, known);
  assert.ok(!refused.ok, 'refused');
  assert.equal(refused.error.field, 'data.byProtocol[0].schedule');
  assert.match(refused.error.message, /no-such-schedule@1\.0\.0/);

  const twice = structuredClone(shippedJson) as { data: { byProtocol: unknown[] } };
  twice.data.byProtocol.push(twice.data.byProtocol[0]);
  const duplicate = parseProtocolScheduleDefaults(twice, known);
  assert.ok(!duplicate.ok, 'refused');
  assert.equal(duplicate.error.code, 'knowledge.duplicate-id');
});
