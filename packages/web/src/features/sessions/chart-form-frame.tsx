/**
 * The frame every charting form shares: its heading, its submit button, and, while a refused entry
 * is being corrected in it, what the server said and how to stop correcting. When a refused entry
 * is loaded the form is scrolled into view with the first input the server named focused.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import type { OutboxItem } from './chart-outbox.ts';

/** A new entry's client id and clinical time (now). */
export const stamp = () => ({ id: crypto.randomUUID(), occurredAt: new Date().toISOString() });

/** What the frame shows while a refused entry is corrected in the form. */
export interface Correcting {
  readonly target: OutboxItem | null;
  readonly reasons: readonly string[];
  readonly cancel: () => void;
  /** More the nurse should know about the correction (the clinical time kept). */
  readonly note?: string | undefined;
}

export function FormFrame(props: {
  readonly title: string;
  readonly button: string;
  readonly onSubmit: () => void;
  readonly children: ReactNode;
  readonly correcting?: Correcting;
}): ReactNode {
  const form = useRef<HTMLFormElement>(null);
  const correcting =
    props.correcting === undefined || props.correcting.target === null ? null : props.correcting;
  const correctingId = correcting?.target?.request.id ?? null;
  useEffect(() => {
    const element = form.current;
    if (correctingId === null || element === null) return;
    element.scrollIntoView({ block: 'start' });
    const first =
      element.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      element.querySelector<HTMLElement>('input, select, textarea');
    first?.focus({ preventScroll: true });
  }, [correctingId]);
  return (
    <form
      ref={form}
      className="chart-form"
      aria-label={props.title}
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit();
      }}
    >
      <h3>{props.title}</h3>
      {correcting === null ? null : (
        <div className="alert alert-warn" role="alert">
          <p className="alert-title">Correcting an entry the server refused (not saved)</p>
          <p>{correcting.reasons.join(' ')}</p>
          {correcting.note === undefined ? null : <p>{correcting.note}</p>}
          <p>
            Sending queues it as a new entry; the refused one leaves the list of unsaved entries
            then.{' '}
            <button type="button" className="link-button" onClick={correcting.cancel}>
              Stop correcting (keep the refused entry)
            </button>
          </p>
        </div>
      )}
      {props.children}
      <div className="form-actions">
        <button type="submit" className="button button-primary">
          {props.button}
        </button>
      </div>
    </form>
  );
}
