/**
 * Clinic analytics: cohort summaries and two cohorts side by side, aggregated in SQL over
 * `cohort_rows` (scoped to the actor's clinic) and finished by core (Wilson intervals,
 * Kaplan–Meier, Newcombe differences). Each request is audited with the filter dimensions and n.
 */
import {
  compareSummaries,
  summarizeAggregates,
  type CohortComparison,
  type CohortSummary,
  type KnowledgeRef,
} from '@ketaflow/core';
import type { CohortBandsResponse } from '@ketaflow/contract';
import type { Scope } from '../access/scope.ts';
import type { Tx } from '../db/client.ts';
import { inTransaction } from '../db/unit-of-work.ts';
import type { ServiceContext } from '../http/context.ts';
import { cohortAggregateQuery, cohortWhere, toAggregates, type FilterInput } from './cohort-sql.ts';
import { analyticsKnowledge } from './knowledge.ts';

type AnalyticsRefs = Readonly<
  Record<'bands' | 'rules' | 'painInstrument' | 'pgicInstrument', KnowledgeRef>
>;

async function summarize(
  tx: Tx,
  scope: Scope,
  filter: FilterInput,
  field: string,
): Promise<CohortSummary> {
  const k = analyticsKnowledge();
  const where = cohortWhere(scope.clinicId, filter, k.bands, field);
  const result = await tx.execute(cohortAggregateQuery(where, k.options));
  const summary = summarizeAggregates(toAggregates(result.rows[0], k.options), k.options);
  // The SQL produces counts by construction; a refusal here is a bug, not bad input.
  if (!summary.ok) throw new Error(`cohort aggregates refused: ${summary.error.code}`);
  return summary.value;
}

const dimensions = (filter: FilterInput): string[] =>
  Object.entries(filter)
    .filter(([, v]) => v !== undefined)
    .map(([k]) => k);

/** Summary of one cohort of the actor's clinic. */
export async function cohortSummary(
  ctx: ServiceContext,
  filter: FilterInput,
): Promise<{ summary: CohortSummary; knowledge: AnalyticsRefs }> {
  ctx.scope.require('analytics.read');
  return inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
    const summary = await summarize(tx, ctx.scope, filter, 'body.filter');
    audit({
      action: 'analytics.cohort-summary',
      resourceType: 'cohort',
      outcome: 'success',
      detail: { dimensions: dimensions(filter), n: summary.n },
    });
    return { summary, knowledge: analyticsKnowledge().refs };
  });
}

/** Two cohorts of the actor's clinic side by side (A − B). */
export async function compareCohortSummaries(
  ctx: ServiceContext,
  a: FilterInput,
  b: FilterInput,
): Promise<Omit<CohortComparison, 'bands'> & { knowledge: AnalyticsRefs }> {
  ctx.scope.require('analytics.read');
  return inTransaction(ctx.db, ctx.audit, async (tx, audit) => {
    const summaryA = await summarize(tx, ctx.scope, a, 'body.a');
    const summaryB = await summarize(tx, ctx.scope, b, 'body.b');
    const k = analyticsKnowledge();
    const { bands: _bands, ...comparison } = compareSummaries(summaryA, summaryB, k.refs.bands);
    audit({
      action: 'analytics.cohort-compare',
      resourceType: 'cohort',
      outcome: 'success',
      detail: {
        dimensionsA: dimensions(a),
        dimensionsB: dimensions(b),
        nA: summaryA.n,
        nB: summaryB.n,
      },
    });
    return { ...comparison, knowledge: k.refs };
  });
}

/** The band ids a filter may use (no PHI). */
export function cohortBands(ctx: ServiceContext): CohortBandsResponse {
  ctx.scope.require('analytics.read');
  const { bands } = analyticsKnowledge();
  const ids = (list: readonly { readonly id: string }[]): string[] => list.map((b) => b.id);
  return {
    bands: bands.ref,
    sessionDoseMgPerKg: ids(bands.bands.sessionDoseMgPerKg),
    courseDoseMgPerKg: ids(bands.bands.courseDoseMgPerKg),
    ageYears: ids(bands.bands.ageYears),
    baselineMmePerDay: ids(bands.bands.baselineMmePerDay),
  };
}
