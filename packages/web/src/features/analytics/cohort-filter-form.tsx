/**
 * The fields of one cohort filter: condition codes as text, then one group of tick boxes per
 * dimension (protocol id@version, dose per session and per course, sex, age, baseline MME). Band
 * ids come from the server's cohort-bands knowledge; protocols from core's shipped registry.
 */
import type { CohortBandsResponse } from '@ketaflow/contract';
import { listProtocols } from '@ketaflow/core';
import type { ReactNode } from 'react';
import { TextField } from '../../components/field.tsx';
import { FILTER_LABELS, type FilterDraft, type Sex } from './cohort-filter.ts';

const SEXES: readonly { readonly value: Sex; readonly label: string }[] = [
  { value: 'female', label: 'Female' },
  { value: 'male', label: 'Male' },
  { value: 'other', label: 'Other' },
  { value: 'unknown', label: 'Unknown' },
];

type ListKey = Exclude<keyof FilterDraft, 'conditions'>;

function Ticks<K extends ListKey>(props: {
  readonly scope: string;
  readonly dimension: K;
  readonly legend: string;
  readonly options: readonly { readonly value: FilterDraft[K][number]; readonly label: string }[];
  readonly draft: FilterDraft;
  readonly onChange: (draft: FilterDraft) => void;
  readonly error: string | undefined;
}): ReactNode {
  const chosen = props.draft[props.dimension] as readonly string[];
  const errorId = `${props.scope}-${props.dimension}-error`;
  return (
    <fieldset aria-describedby={props.error === undefined ? undefined : errorId}>
      <legend>{props.legend}</legend>
      {props.error === undefined ? null : (
        <p className="field-error" id={errorId}>
          {props.error}
        </p>
      )}
      {props.options.length === 0 ? <p className="muted">None available.</p> : null}
      {props.options.map((o) => (
        <label key={o.value} className="tick">
          <input
            type="checkbox"
            checked={chosen.includes(o.value)}
            onChange={(e) => {
              const next = e.target.checked
                ? [...chosen, o.value]
                : chosen.filter((v) => v !== o.value);
              props.onChange({ ...props.draft, [props.dimension]: next });
            }}
          />{' '}
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}

/** The server's message for one list of this cohort (`a.sexes`, `filter.ageBands` …). */
function errorOf(
  fields: Readonly<Record<string, string>>,
  scope: string,
  dimension: string,
): string | undefined {
  return fields[`${scope}.${dimension}`];
}

export function CohortFilterFields(props: {
  /** `filter` for one cohort, `a` / `b` when comparing (the request's field names). */
  readonly scope: string;
  readonly title: string;
  readonly draft: FilterDraft;
  readonly onChange: (draft: FilterDraft) => void;
  readonly bands: CohortBandsResponse;
  readonly fields: Readonly<Record<string, string>>;
}): ReactNode {
  const { scope, draft, onChange, bands, fields } = props;
  const asOptions = (ids: readonly string[], unit: string) =>
    ids.map((id) => ({ value: id, label: `${id} ${unit}` }));
  const common = { scope, draft, onChange };
  return (
    <fieldset>
      <legend>{props.title}</legend>
      <TextField
        name={`${scope}.conditionPrefixes`}
        label={FILTER_LABELS.conditionPrefixes}
        hint="Separate with commas, e.g. G90.5, M79.7. Empty: any condition."
        value={draft.conditions}
        onChange={(conditions) => {
          onChange({ ...draft, conditions });
        }}
        error={errorOf(fields, scope, 'conditionPrefixes')}
        width="long"
      />
      <div className="filter-grid">
        <Ticks
          {...common}
          dimension="protocols"
          legend={FILTER_LABELS.protocols}
          options={listProtocols().map((p) => ({
            value: `${p.ref.id}@${p.ref.version}`,
            label: `${p.ref.id}@${p.ref.version}`,
          }))}
          error={errorOf(fields, scope, 'protocols')}
        />
        <Ticks
          {...common}
          dimension="sessionDoseBands"
          legend={FILTER_LABELS.sessionDoseBands}
          options={asOptions(bands.sessionDoseMgPerKg, 'mg/kg')}
          error={errorOf(fields, scope, 'sessionDoseBands')}
        />
        <Ticks
          {...common}
          dimension="courseDoseBands"
          legend={FILTER_LABELS.courseDoseBands}
          options={asOptions(bands.courseDoseMgPerKg, 'mg/kg')}
          error={errorOf(fields, scope, 'courseDoseBands')}
        />
        <Ticks
          {...common}
          dimension="sexes"
          legend={FILTER_LABELS.sexes}
          options={SEXES}
          error={errorOf(fields, scope, 'sexes')}
        />
        <Ticks
          {...common}
          dimension="ageBands"
          legend={FILTER_LABELS.ageBands}
          options={asOptions(bands.ageYears, 'years')}
          error={errorOf(fields, scope, 'ageBands')}
        />
        <Ticks
          {...common}
          dimension="baselineMmeBands"
          legend={FILTER_LABELS.baselineMmeBands}
          options={asOptions(bands.baselineMmePerDay, 'MME/day')}
          error={errorOf(fields, scope, 'baselineMmeBands')}
        />
      </div>
    </fieldset>
  );
}
