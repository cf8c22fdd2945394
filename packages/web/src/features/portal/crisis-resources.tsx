/**
 * Crisis resources shown at once when an answer raises a crisis flag (the server sends them with
 * the stored response): the 988 Suicide & Crisis Lifeline by call, text and chat, and 911.
 */
import type { CrisisResources } from '@ketaflow/contract';
import type { ReactNode } from 'react';

export function CrisisPanel(props: { readonly crisis: CrisisResources }): ReactNode {
  const { crisis } = props;
  return (
    <section className="crisis" role="alert" aria-labelledby="crisis-title">
      <h2 id="crisis-title">{crisis.title}</h2>
      <p>{crisis.message}</p>
      <ul className="crisis-contacts">
        {crisis.contacts.map((c) => (
          <li key={c.href}>
            <a className="button button-large" href={c.href}>
              {c.action}
            </a>{' '}
            <span>{c.label}</span>
          </li>
        ))}
      </ul>
      <p className="hint">Source: {crisis.source}</p>
    </section>
  );
}
