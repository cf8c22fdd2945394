/** An in-app link: a real anchor that navigates without a reload on a plain click. */
import type { ReactNode } from 'react';
import { followLink } from '../app/router.ts';

export function Link(props: {
  readonly to: string;
  readonly className?: string;
  readonly current?: boolean;
  readonly children: ReactNode;
}): ReactNode {
  return (
    <a
      href={props.to}
      className={props.className}
      aria-current={props.current === true ? 'page' : undefined}
      onClick={followLink}
    >
      {props.children}
    </a>
  );
}
