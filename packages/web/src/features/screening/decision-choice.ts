/**
 * The screening decision the prescriber signs. None is chosen for them: the list starts on an empty
 * "Choose the decision" option that fails the select's `required`, and anything else read back from
 * the select is no decision.
 */
import type { ScreeningSign } from '@ketaflow/contract';
import { chooseOption } from '../../components/field.tsx';

export type Decision = ScreeningSign['decision'];

export const DECISION_OPTIONS: readonly {
  readonly value: Decision | '';
  readonly label: string;
}[] = [
  chooseOption('decision'),
  { value: 'eligible', label: 'Eligible' },
  { value: 'not-eligible', label: 'Not eligible' },
  { value: 'eligible-with-conditions', label: 'Eligible with conditions' },
];

/** The decision a select value names, or '' (none chosen). */
export function decisionOf(value: string): Decision | '' {
  return DECISION_OPTIONS.find((o) => o.value === value)?.value ?? '';
}
