/**
 * The guardrail results a refusal carries (issue 4, Bad input): a refused order sends core's
 * `calculation` (and `weightCheck`), a refused rate change its `evidence` (findings and limits). They
 * arrive as extra problem members; each limit is shown with the knowledge file it comes from. Nothing
 * is recomputed here, and a refusal without them shows nothing extra.
 */
import { WeightCheckDto } from '@ketaflow/contract';
import type { ReactNode } from 'react';
import type { ApiProblem } from '../../api/problem.ts';
import { guardrailsOf } from './guardrails.ts';
import { FindingsList, LimitsTable } from './how-calculated.tsx';

export function GuardrailResults(props: { readonly problem: ApiProblem | null }): ReactNode {
  if (props.problem === null) return null;
  const guardrails = guardrailsOf(props.problem);
  const weight = WeightCheckDto.safeParse(props.problem.extra?.weightCheck);
  if (guardrails === null && !weight.success) return null;
  return (
    <div className="guardrails" role="group" aria-label="Guardrail results">
      {guardrails === null ? null : (
        <>
          <p className="alert-title">Guardrail results</p>
          {guardrails.findings.length === 0 ? null : (
            <FindingsList findings={guardrails.findings} />
          )}
          <LimitsTable limits={guardrails.limitsApplied} />
        </>
      )}
      {weight.success && weight.data.needsReconfirmation ? (
        <p>
          Weight must be re-confirmed: {weight.data.reasons.join('; ')}.{' '}
          <span className="muted">
            Rule: {weight.data.source.id}@{weight.data.source.version}
          </span>
        </p>
      ) : null}
    </div>
  );
}
