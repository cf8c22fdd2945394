/** The pages reachable without signing in (issue 5), by path. */
import type { ReactNode } from 'react';
import { AboutPage } from './about-page.tsx';
import { JoinPage } from './join-page.tsx';
import { ReferralPage } from './referral-page.tsx';

export function publicPageFor(path: string): ReactNode | null {
  const clean = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  if (clean === '/about') return <AboutPage />;
  if (clean === '/refer') return <ReferralPage />;
  if (clean === '/portal/join') return <JoinPage />;
  return null;
}
