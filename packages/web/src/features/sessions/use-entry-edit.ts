/**
 * A charting form's side of "Edit and resend" (chart-draft.ts): when the nurse chooses a refused
 * entry typed in this form, its draft is loaded into the form (asking first if something else is
 * typed there), the server's messages are given per input, and a submit queues the correction in
 * the refused entry's place. Until then the refused entry stays in the outbox, shown as refused.
 */
import type { ChartEntryRequest } from '@ketaflow/contract';
import { useEffect, useState } from 'react';
import { refusalReasons, type OutboxItem } from './chart-outbox.ts';
import {
  draftFor,
  FORM_TITLES,
  refusalFieldErrors,
  type ChartDraft,
  type DraftForm,
  type DraftValues,
} from './chart-draft.ts';
import type { ChartOutbox } from './use-chart-outbox.ts';

type Values<F extends DraftForm> = DraftValues[F];

export interface EntryEdit<F extends DraftForm> {
  /** The refused entry loaded in the form, or null while the form charts a new entry. */
  readonly target: OutboxItem | null;
  /** The refusal's messages by input name (empty when not correcting). */
  readonly errors: Readonly<Record<string, string>>;
  /** Everything the server said, shown above the form while correcting. */
  readonly reasons: readonly string[];
  /** Queues an entry typed in this form, in place of the refused one when correcting. */
  readonly submit: (request: ChartEntryRequest, values: Values<F>) => void;
  /** Stops correcting; the refused entry stays in the outbox. */
  readonly cancel: () => void;
}

export function useEntryEdit<F extends DraftForm>(args: {
  readonly outbox: Pick<ChartOutbox, 'editing' | 'edit' | 'submit'>;
  readonly form: F;
  /** Fills the form from the refused entry's draft. */
  readonly load: (values: Values<F>, entry: OutboxItem) => void;
  /** Empties the form (when the nurse stops correcting). */
  readonly clear: () => void;
  /** True when nothing is typed in the form (loading may replace it without asking). */
  readonly isBlank: boolean;
}): EntryEdit<F> {
  const { outbox, form } = args;
  const chosen = outbox.editing;
  const values = draftFor(chosen?.draft, form);
  const target = values === null ? null : chosen;
  const [loaded, setLoaded] = useState<string | null>(null);
  const targetId = target?.request.id ?? null;
  // Loads once per chosen entry (keyed by its id): later renders must not overwrite the typing.
  useEffect(() => {
    if (targetId === loaded) return;
    if (target === null || values === null) {
      setLoaded(null);
      return;
    }
    const ask = `The ${FORM_TITLES[form]} form has values not sent yet. Replace them with the refused entry?`;
    if (!args.isBlank && !window.confirm(ask)) {
      outbox.edit(loaded);
      return;
    }
    args.load(values, target);
    setLoaded(targetId);
  }, [targetId, loaded]);
  const active = target !== null && loaded === targetId ? target : null;
  return {
    target: active,
    errors:
      active?.problem === undefined ? {} : refusalFieldErrors(active.problem, active.request.kind),
    reasons: active?.problem === undefined ? [] : refusalReasons(active.problem),
    submit: (request, v) => {
      outbox.submit(request, {
        draft: { form, values: v } as ChartDraft,
        replaces: active?.request.id,
      });
    },
    cancel: () => {
      outbox.edit(null);
      args.clear();
    },
  };
}
