/**
 * Announced messages. Errors use role="alert" (read at once) and take focus; confirmations use
 * role="status" (polite). When the server named fields, the alert lists them, each a link that moves
 * focus to its input, so a long form never hides what has to be fixed.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { fieldMessages, type ApiProblem } from '../api/problem.ts';
import { inputId } from './field.tsx';

export function ErrorAlert(props: {
  readonly problem: ApiProblem | null;
  /** Replaces the heading line entirely (e.g. a conflict explained in words). */
  readonly title?: string | undefined;
  /** What did not happen, e.g. "Not saved"; the heading then says why. */
  readonly action?: string;
  /** Input labels by form key, for the list of fields to fix. */
  readonly labels?: Readonly<Record<string, string>>;
  readonly children?: ReactNode;
}): ReactNode {
  const ref = useRef<HTMLDivElement>(null);
  const { problem } = props;
  useEffect(() => {
    if (problem !== null) ref.current?.focus();
  }, [problem]);
  if (problem === null) return null;
  // Invalid input (400) is listed field by field: body fields have inputs in the form; query and
  // path parameters do not. Other refusals (409, 403…) are explained by their detail sentence.
  const fixes =
    problem.status === 400
      ? Object.entries(fieldMessages(problem)).filter(
          ([key]) => !key.startsWith('query.') && !key.startsWith('params.'),
        )
      : [];
  const why =
    fixes.length === 0
      ? problem.detail
      : fixes.length === 1
        ? 'one field needs attention.'
        : `${String(fixes.length)} fields need attention.`;
  const heading = props.title ?? (props.action === undefined ? why : `${props.action}: ${why}`);
  return (
    <div className="alert alert-error" role="alert" tabIndex={-1} ref={ref}>
      <p className="alert-title">{heading}</p>
      {fixes.length > 0 ? (
        <ul>
          {fixes.map(([key, message]) => (
            <li key={key}>
              <a href={`#${inputId(key)}`}>
                {props.labels?.[key] ?? key}: {message}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      {props.children}
      {problem.requestId === undefined ? null : (
        <p className="alert-meta">Reference: {problem.requestId}</p>
      )}
    </div>
  );
}

export function StatusMessage(props: { readonly message: string | null }): ReactNode {
  return (
    <div className="status-region" role="status" aria-live="polite">
      {props.message === null ? null : <p className="alert alert-ok">{props.message}</p>}
    </div>
  );
}
