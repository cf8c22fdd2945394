/** The frame of the sign-in screens: a narrow card with the product name and the step's heading. */
import type { ReactNode } from 'react';
import { Page } from '../../components/page.tsx';

export function AuthFrame(props: {
  readonly title: string;
  readonly children: ReactNode;
}): ReactNode {
  return (
    <main id="main" className="auth">
      <p className="brand-line">Ketaflow</p>
      <Page title={props.title}>{props.children}</Page>
    </main>
  );
}
