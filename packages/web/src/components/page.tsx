/**
 * A page's heading and document title in one place. On mount the h1 takes focus so a screen-reader
 * or keyboard user lands at the start of the new page after navigation.
 */
import { useEffect, useRef, type ReactNode } from 'react';

export function Page(props: {
  readonly title: string;
  readonly actions?: ReactNode;
  readonly children: ReactNode;
}): ReactNode {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${props.title} · Ketaflow`;
  }, [props.title]);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <>
      <div className="page-head">
        <h1 tabIndex={-1} ref={heading}>
          {props.title}
        </h1>
        {props.actions === undefined ? null : <div className="page-actions">{props.actions}</div>}
      </div>
      {props.children}
    </>
  );
}

export function Loading(props: { readonly what: string }): ReactNode {
  return (
    <p className="loading" role="status">
      Loading {props.what}…
    </p>
  );
}
