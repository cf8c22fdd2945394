/**
 * Charting prompts as people read them: "Overdue: Sedation (RASS or MOAA/S), 7 min past due"
 * instead of the item key. The times and the knowledge they came from are the server's; an item
 * this screen does not know is shown by its key, never hidden.
 */
import type { ChartData } from '@ketaflow/contract';

type Prompt = ChartData['prompts'][number];

export const PROMPT_LABELS: Readonly<Record<string, string>> = {
  vitals: 'Vitals',
  sedation: 'Sedation (RASS or MOAA/S)',
  pain: 'Pain NRS',
  dissociation: 'Dissociation',
};

export const promptLabel = (item: string): string => PROMPT_LABELS[item] ?? item;

/** The due or overdue prompts, overdue first, each keeping the server's order within its status. */
export function shownPrompts(prompts: readonly Prompt[]): Prompt[] {
  return [
    ...prompts.filter((p) => p.status === 'overdue'),
    ...prompts.filter((p) => p.status === 'due'),
  ];
}

/** One prompt as a sentence, e.g. "Due: Pain NRS, 2 min past due". */
export function promptText(p: Prompt): string {
  const status = p.status === 'overdue' ? 'Overdue' : p.status === 'due' ? 'Due' : 'Not yet due';
  const past = p.minutesPastDue > 0 ? `, ${String(p.minutesPastDue)} min past due` : '';
  return `${status}: ${promptLabel(p.item)}${past}`;
}

/** The knowledge behind the due and overdue times, as id@version, comma-separated. */
export function promptSources(p: Prompt): string {
  return (p.sources ?? []).map((s) => `${s.id}@${s.version}`).join(', ');
}
