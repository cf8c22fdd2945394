/**
 * The scrolling frame of a wide or long table: a labelled region that takes keyboard focus, so a
 * keyboard user can scroll it as well as a mouse user (axe: scrollable-region-focusable).
 */
import type { ReactNode } from 'react';

export function TableRegion(props: {
  readonly label: string;
  readonly children: ReactNode;
}): ReactNode {
  return (
    <div className="table-wrap" role="region" aria-label={props.label} tabIndex={0}>
      {props.children}
    </div>
  );
}
