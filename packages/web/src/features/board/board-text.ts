/**
 * What a chair-board tile says about vitals and alarms: every value with its unit, and every alarm
 * with the value, the rule's threshold and the rule id that raised it, not only the action. Values,
 * units and alarm wording are the session screen's (sessions/observation-text.ts), so the floor
 * reads one language.
 */
import type { BoardTile } from '@ketaflow/contract';
import { alarmText, storedNumber, withUnit } from '../sessions/observation-text.ts';
import { VITAL_FIELDS } from '../sessions/vitals.ts';

type BoardAlarm = NonNullable<BoardTile['session']>['activeAlarms'][number];

/**
 * `BP 120/80 mmHg, HR 70 /min, SpO2 98 %, RR 14 /min`: the charted vital signs in chart order,
 * each with its unit; blood pressure as one reading, as charted, to keep 30 tiles on one screen.
 */
export function vitalsText(values: Readonly<Record<string, number>>): string {
  const { systolicBpMmHg: sbp, diastolicBpMmHg: dbp } = values;
  const bp = sbp !== undefined && dbp !== undefined;
  return VITAL_FIELDS.filter((f) => f.key in values)
    .flatMap((f) => {
      if (bp && f.key === 'diastolicBpMmHg') return [];
      if (bp && f.key === 'systolicBpMmHg') {
        return [`BP ${storedNumber(sbp)}/${withUnit('diastolicBpMmHg', dbp)}`];
      }
      return [`${f.short} ${withUnit(f.key, values[f.key])}`];
    })
    .join(', ');
}

/** `Systolic BP 190 mmHg, above 180 mmHg (rule sbp-high): pause`. */
export const boardAlarmText = (alarm: BoardAlarm): string =>
  `${alarmText(alarm)} (rule ${alarm.ruleId}): ${alarm.action}`;
