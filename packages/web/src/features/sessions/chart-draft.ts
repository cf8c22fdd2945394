/**
 * Correcting a refused chart entry instead of typing it again. Each queued entry keeps what was
 * typed in its form (the draft: text as typed, so "1e2" comes back as "1e2", not as the NaN sent;
 * never a second clinician's password or code). "Edit and resend" loads the draft back into its
 * form with the server's field messages beside the inputs they name; sending queues a new entry
 * under a NEW id (the refused id stays refused on the server: sending it again with another body
 * would reuse an idempotency key), and the refused one leaves the outbox in the same step
 * (chart-outbox.ts `resend`). Alarm acknowledgements have no draft: their form belongs to an
 * alarm in the banner, and a refused one is discarded and acknowledged there again.
 */
import type { ChartEntryRequest } from '@ketaflow/contract';
import { fieldMessages, type ApiProblem } from '../../api/problem.ts';
import type { AdverseEventFields } from './adverse-event-model.ts';
import type { RateChangeFields } from './charting-form-model.ts';
import type { ScoresFields } from './scores-form-model.ts';

/** What each form keeps of an entry typed in it. */
export interface DraftValues {
  readonly vitals: Readonly<Record<string, string>>;
  readonly scores: ScoresFields;
  readonly note: { readonly text: string };
  readonly 'rate-change': RateChangeFields;
  readonly 'adverse-event': AdverseEventFields;
}

export type DraftForm = keyof DraftValues;

export type ChartDraft = {
  readonly [F in DraftForm]: { readonly form: F; readonly values: DraftValues[F] };
}[DraftForm];

/** The form's name as the nurse sees it (for the banner and the questions it asks). */
export const FORM_TITLES: Readonly<Record<DraftForm, string>> = {
  vitals: 'Vitals',
  scores: 'Sedation, dissociation and pain',
  note: 'Note',
  'rate-change': 'Rate change',
  'adverse-event': 'Adverse event',
};

/** The draft of `form`, or null when the entry has none or was typed in another form. */
export function draftFor<F extends DraftForm>(
  draft: ChartDraft | undefined,
  form: F,
): DraftValues[F] | null {
  return draft?.form === form ? (draft.values as DraftValues[F]) : null;
}

/** `rescue.0.dose` (schema) and `rescue[0].dose` (core) are the form's `rescue.dose`. */
const RESCUE = /^rescue(?:\.0|\[0\])\.(medication|dose|route)$/;

/** Adverse-event fields the server names by another name than the form's input. */
const ADVERSE_EVENT_INPUTS: Readonly<Record<string, string>> = {
  startedAtMs: 'startedAt',
  endedAtMs: 'endedAt',
  // The event's clinical time is its start (adverse-event-model.ts).
  occurredAt: 'startedAt',
};

/** The form input a field of the refusal belongs to (the request path without `body.`). */
function inputOf(kind: ChartEntryRequest['kind'], key: string): string {
  if (kind !== 'adverse-event') return key;
  const rescue = RESCUE.exec(key);
  if (rescue !== null) return `rescue.${rescue[1] ?? ''}`;
  return ADVERSE_EVENT_INPUTS[key] ?? key;
}

/**
 * The refusal's messages keyed by the input names of the entry's form, to show beside each input
 * (the first message per input wins, as the server lists the most specific first). A field with
 * no input (occurredAt of a vitals entry) is in the refusal's reasons shown above the form.
 */
export function refusalFieldErrors(
  problem: ApiProblem,
  kind: ChartEntryRequest['kind'],
): Readonly<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [key, message] of Object.entries(fieldMessages(problem))) {
    const input = inputOf(kind, key);
    out[input] ??= message;
  }
  return out;
}

/** True when the server refused the entry's clinical time itself (a device clock ahead). */
export const timeRefused = (problem: ApiProblem | undefined): boolean =>
  problem?.errors.some((e) => e.field === 'body.occurredAt') ?? false;

/**
 * The clinical time of a corrected observation: the refused one's, since a correction of a value
 * observed at 10:00 is still what was observed at 10:00 (it may have waited offline before it was
 * refused), unless the server refused that very time, when it is `now`.
 */
export function resendOccurredAt(
  refused: ChartEntryRequest,
  problem: ApiProblem | undefined,
  now: string,
): string {
  return timeRefused(problem) ? now : refused.occurredAt;
}
