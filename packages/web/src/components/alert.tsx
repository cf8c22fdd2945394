/**
 * Announced messages. Errors use role="alert" (read at once); confirmations use role="status"
 * (polite). A problem summary lists each field message as a link that moves focus to its input.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { formKey, type ApiProblem } from '../api/problem.ts';

export function ErrorAlert(props: {
  readonly problem: ApiProblem | null;
  readonly title?: string | undefined;
  readonly children?: ReactNode;
}): ReactNode {
  const ref = useRef<HTMLDivElement>(null);
  const { problem } = props;
  useEffect(() => {
    if (problem !== null) ref.current?.focus();
  }, [problem]);
  if (problem === null) return null;
  const fieldErrors = problem.errors.filter((e) => e.field.startsWith('body.'));
  return (
    <div className="alert alert-error" role="alert" tabIndex={-1} ref={ref}>
      <p className="alert-title">{props.title ?? problem.detail}</p>
      {fieldErrors.length > 1 ? (
        <ul>
          {fieldErrors.map((e) => (
            <li key={e.field}>
              <a href={`#f-${formKey(e.field).replace(/[^a-zA-Z0-9]/g, '-')}`}>{e.message}</a>
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
