/**
 * Kaplan–Meier curves of one or two cohorts on one day axis for uPlot: each curve starts at 1 on
 * day 0 and holds its value until its next step (a step function), with its confidence band; after
 * a curve's last step it has no value. Only rearranges core's steps.
 */
import type { CohortSummary } from '@ketaflow/contract';

type Km = NonNullable<CohortSummary['durableRelief']>;

export interface KmCurve {
  readonly survival: readonly (number | null)[];
  readonly lower: readonly (number | null)[];
  readonly upper: readonly (number | null)[];
}

export function kmAligned(curves: readonly (Km | null)[]): {
  readonly days: readonly number[];
  readonly curves: readonly KmCurve[];
} {
  const days = [
    ...new Set([0, ...curves.flatMap((k) => (k?.steps ?? []).map((s) => s.timeDays))]),
  ].sort((a, b) => a - b);
  const aligned = curves.map((k): KmCurve => {
    const steps = k?.steps ?? [];
    const last = steps.at(-1)?.timeDays ?? 0;
    const at = (day: number): Km['steps'][number] | undefined => {
      let current: Km['steps'][number] | undefined;
      for (const s of steps) if (s.timeDays <= day) current = s;
      return current;
    };
    // Before the first step nobody has had the event: 1 with no uncertainty.
    const column = (pick: (s: Km['steps'][number]) => number | null) =>
      days.map((d) => {
        if (k === null || d > last) return null;
        const step = at(d);
        return step === undefined ? 1 : pick(step);
      });
    return {
      survival: column((s) => s.survival),
      lower: column((s) => s.lower),
      upper: column((s) => s.upper),
    };
  });
  return { days, curves: aligned };
}
