/**
 * The banners at the top of the session screen: active stop-rule alarms (each acknowledged with the
 * action taken, charted like any entry), entries the server has not acknowledged yet, and charting
 * prompts (vitals, sedation, pain, dissociation) that are due or overdue. An alarm reads as words
 * with units, when it was raised and which protocol's rule raised it.
 */
import type { ChartData, ChartEntryRequest } from '@ketaflow/contract';
import { useState, type ReactNode } from 'react';
import { formatInstant } from '../../app/format.ts';
import { useReadySession } from '../../app/session.tsx';
import { TextField } from '../../components/field.tsx';
import { GuardrailResults } from '../courses/guardrail-results.tsx';
import { alarmText, sourceOf } from './observation-text.ts';
import { isEditable, refusalReasons, type OutboxItem } from './chart-outbox.ts';
import { FORM_TITLES } from './chart-draft.ts';
import { promptSources, promptText, shownPrompts } from './prompt-text.ts';
import type { ChartOutbox } from './use-chart-outbox.ts';

export function AlarmBanner(props: {
  readonly alarms: ChartData['activeAlarms'];
  /** The chart's entries: an alarm's own entry (same id) names the protocol its rule came from. */
  readonly entries?: ChartData['entries'];
  readonly canAct: boolean;
  readonly onAcknowledge: (request: ChartEntryRequest) => void;
}): ReactNode {
  const { clinic } = useReadySession();
  if (props.alarms.length === 0) return null;
  const source = (id: string): string => {
    const entry = props.entries?.find((e) => e.id === id);
    return entry === undefined ? '' : sourceOf(entry.payload);
  };
  return (
    <div className="alert alert-error alarm-banner" role="alert">
      <p className="alert-title">
        {props.alarms.length === 1 ? 'Alarm' : `${String(props.alarms.length)} alarms`}: acknowledge
        with the action taken
      </p>
      <ul>
        {props.alarms.map((a) => (
          <li key={a.id}>
            <p>
              <strong>{alarmText(a)}</strong> (rule {a.ruleId}
              {source(a.id)}), raised {formatInstant(a.raisedAt, clinic.timeZone)}: {a.action}
            </p>
            {props.canAct ? <AckForm alarmId={a.id} onAcknowledge={props.onAcknowledge} /> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

function AckForm(props: {
  readonly alarmId: string;
  readonly onAcknowledge: (request: ChartEntryRequest) => void;
}): ReactNode {
  const [action, setAction] = useState('');
  return (
    <form
      className="inline-form"
      aria-label="Acknowledge alarm"
      onSubmit={(e) => {
        e.preventDefault();
        props.onAcknowledge({
          id: crypto.randomUUID(),
          occurredAt: new Date().toISOString(),
          kind: 'alarm-ack',
          alarmId: props.alarmId,
          action,
        });
        setAction('');
      }}
    >
      <TextField
        name={`ack-${props.alarmId}`}
        label="Action taken"
        value={action}
        onChange={setAction}
        width="long"
        required
      />
      <div className="form-actions">
        <button type="submit" className="button button-danger">
          Acknowledge alarm
        </button>
      </div>
    </form>
  );
}

export function UnsyncedBanner(props: {
  readonly outbox: ChartOutbox;
  /** True while the charting forms are on screen (a refused entry can be corrected in one). */
  readonly canCorrect: boolean;
}): ReactNode {
  const { items } = props.outbox;
  if (items.length === 0) return null;
  const waiting = items.filter((i) => i.status !== 'refused');
  const refusedItems = items.filter((i) => i.status === 'refused');
  return (
    <div className="alert alert-warn unsynced-banner" role="status" aria-live="polite">
      <p className="alert-title">
        Unsynced: {items.length} entr{items.length === 1 ? 'y is' : 'ies are'} not saved yet
      </p>
      <ul>
        {waiting.map((i) => (
          <li key={i.request.id}>
            {i.request.kind}:{' '}
            {i.status === 'sending' ? 'sending…' : `not sent (${i.message ?? ''})`}
          </li>
        ))}
        {refusedItems.map((i) => (
          <li key={i.request.id}>
            {i.request.kind}: refused by the server:{' '}
            {i.problem === undefined ? i.message : refusalReasons(i.problem).join(' ')}{' '}
            {props.canCorrect ? <CorrectAction item={i} outbox={props.outbox} /> : null}{' '}
            <button
              type="button"
              className="link-button"
              onClick={() => {
                props.outbox.discard(i.request.id);
              }}
            >
              Discard
            </button>
            <GuardrailResults problem={i.problem ?? null} />
          </li>
        ))}
      </ul>
      {items.some((i) => i.status === 'unsent') ? (
        <button type="button" className="button" onClick={props.outbox.retry}>
          Retry sending
        </button>
      ) : null}
    </div>
  );
}

/** "Edit and resend" for a refused entry its form can take back, or where it is being corrected. */
function CorrectAction(props: {
  readonly item: OutboxItem;
  readonly outbox: ChartOutbox;
}): ReactNode {
  const { item, outbox } = props;
  if (!isEditable(item) || item.draft === undefined) return null;
  if (outbox.editing?.request.id === item.request.id) {
    return (
      <span className="muted">Being corrected in the {FORM_TITLES[item.draft.form]} form.</span>
    );
  }
  return (
    <button
      type="button"
      className="link-button"
      onClick={() => {
        outbox.edit(item.request.id);
      }}
    >
      Edit and resend
    </button>
  );
}

/** Due and overdue charting (vitals and each bedside assessment), overdue first, with its source. */
export function PromptList(props: { readonly prompts: ChartData['prompts'] }): ReactNode {
  const shown = shownPrompts(props.prompts);
  if (shown.length === 0) return <p className="muted">No charting due.</p>;
  return (
    <ul className="prompts" aria-label="Charting due">
      {shown.map((p) => {
        const sources = promptSources(p);
        return (
          <li key={p.item} className={p.status === 'overdue' ? 'prompt-overdue' : 'prompt-due'}>
            <strong>{promptText(p)}</strong>
            {sources === '' ? null : <span className="muted"> (interval: {sources})</span>}
          </li>
        );
      })}
    </ul>
  );
}
