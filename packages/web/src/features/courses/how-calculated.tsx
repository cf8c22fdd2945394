/**
 * "How calculated" for a dose (FDA CDS criterion 4: the clinician can review the basis of the
 * recommendation): the inputs, core's formula line by line, every limit checked with its outcome and
 * the knowledge file it comes from, the findings, and the weight re-confirmation check. It only shows
 * what the server's core calculation returned; nothing is recomputed here.
 */
import type { z } from 'zod';
import type { DoseCalculationDto, WeightCheckDto } from '@ketaflow/contract';
import type { ReactNode } from 'react';

type Calculation = z.infer<typeof DoseCalculationDto>;
type Limit = Calculation['limitsApplied'][number];
type Finding = Calculation['findings'][number];
type WeightCheck = z.infer<typeof WeightCheckDto>;

const OUTCOME_LABELS: Readonly<Record<string, string>> = {
  within: 'Within limit',
  soft: 'Soft limit crossed (reason required)',
  blocked: 'Hard limit: blocked',
  capped: 'Capped at limit',
};

const ref = (r: { id: string; version: string }): string => `${r.id}@${r.version}`;

export function HowCalculated(props: {
  readonly calculation: Calculation;
  readonly weightCheck: WeightCheck;
  readonly inputs: readonly (readonly [string, string])[];
  readonly headingLevel?: 2 | 3;
}): ReactNode {
  const { calculation: c, weightCheck: w } = props;
  const H = props.headingLevel === 3 ? 'h3' : 'h2';
  const Sub = props.headingLevel === 3 ? 'h4' : 'h3';
  return (
    <section className="panel how-calculated" aria-labelledby="how-calculated-heading">
      <H id="how-calculated-heading">How this was calculated</H>
      <p>
        Status: <strong>{STATUS_LABELS[c.status] ?? c.status}</strong>
        {c.overrideReason === null ? null : <> · override reason: {c.overrideReason}</>}
      </p>
      <Sub>Inputs</Sub>
      <dl className="facts">
        {props.inputs.map(([label, value]) => (
          <div key={label} className="fact">
            <dt>{label}</dt>
            <dd className="num">{value}</dd>
          </div>
        ))}
      </dl>
      <Sub>Formula</Sub>
      <ol className="formula">
        {c.formula.map((line, i) => (
          <li key={i} className="num">
            {line}
          </li>
        ))}
      </ol>
      <Sub>Limits applied</Sub>
      <LimitsTable limits={c.limitsApplied} />
      {c.findings.length === 0 ? null : (
        <>
          <Sub>Findings</Sub>
          <FindingsList findings={c.findings} />
        </>
      )}
      <Sub>Weight check</Sub>
      <p>
        {w.needsReconfirmation
          ? `Weight must be re-confirmed: ${w.reasons.join('; ')}.`
          : 'Weight is current.'}{' '}
        Measured {w.ageDays} day{w.ageDays === 1 ? '' : 's'} ago
        {w.changePercent === null
          ? ''
          : `, ${String(w.changePercent)} % change from the previous`}.{' '}
        <span className="muted">Rule: {ref(w.source)}</span>
      </p>
      <Sub>Knowledge used</Sub>
      <p className="num">{c.knowledge.map(ref).join(', ')}</p>
    </section>
  );
}

const STATUS_LABELS: Readonly<Record<string, string>> = {
  ok: 'Within all limits',
  'needs-override-reason': 'A soft limit is crossed: an override reason is required',
  blocked: 'Blocked by a hard limit',
};

const SEVERITY_LABELS: Readonly<Record<string, string>> = {
  blocked: 'Blocked',
  'needs-override': 'Needs override reason',
  info: 'Note',
};

/** Every limit core checked: the value, the limit, the outcome and the knowledge file it comes from. */
export function LimitsTable(props: { readonly limits: readonly Limit[] }): ReactNode {
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">Limit</th>
            <th scope="col">Value</th>
            <th scope="col">Limit value</th>
            <th scope="col">Result</th>
            <th scope="col">Source</th>
          </tr>
        </thead>
        <tbody>
          {props.limits.map((l, i) => (
            <tr key={`${l.name}-${String(i)}`} className={`limit-${l.outcome}`}>
              <td>{l.name}</td>
              <td className="num">
                {l.actual} {l.unit}
              </td>
              <td className="num">
                {l.limit} {l.unit}
              </td>
              <td>{OUTCOME_LABELS[l.outcome] ?? l.outcome}</td>
              <td className="num">{ref(l.source)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Core's findings (blocked, needs an override reason, notes) with their codes. */
export function FindingsList(props: { readonly findings: readonly Finding[] }): ReactNode {
  return (
    <ul>
      {props.findings.map((f, i) => (
        <li key={`${f.code}-${String(i)}`} className={`finding-${f.severity}`}>
          <strong>{SEVERITY_LABELS[f.severity] ?? f.severity}:</strong> {f.message}{' '}
          <span className="muted">({f.code})</span>
        </li>
      ))}
    </ul>
  );
}
