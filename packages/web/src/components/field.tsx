/**
 * Labelled form inputs. Every input has a <label for>, an optional hint, and the server's message for
 * that field shown beside it (aria-invalid + aria-describedby, so a screen reader reads the message
 * with the input). Messages come from the problem the server sent, never invented here.
 */
import type { ChangeEvent, ReactNode } from 'react';

interface BaseProps {
  /** Form key, e.g. `dateOfBirth` or `address.postalCode`; also the input's name. */
  readonly name: string;
  readonly label: string;
  readonly hint?: string;
  readonly error?: string | undefined;
  readonly required?: boolean;
  /** Show "(optional)" after the label of an input that is not required (forms; not filters). */
  readonly markOptional?: boolean;
}

/** The id of the input for a form key: `address.city` → `f-address-city`. */
export const inputId = (name: string): string => `f-${name.replace(/[^a-zA-Z0-9]/g, '-')}`;

function ids(name: string): { input: string; hint: string; error: string } {
  const base = inputId(name);
  return { input: base, hint: `${base}-hint`, error: `${base}-error` };
}

function Frame(
  props: BaseProps & { readonly children: (a11y: A11yProps) => ReactNode },
): ReactNode {
  const id = ids(props.name);
  const describedBy = [
    props.hint === undefined ? null : id.hint,
    props.error === undefined ? null : id.error,
  ]
    .filter((x) => x !== null)
    .join(' ');
  return (
    <div className={props.error === undefined ? 'field' : 'field field-invalid'}>
      <label htmlFor={id.input}>
        {props.label}
        {props.required === true || props.markOptional === false ? null : (
          <span className="optional"> (optional)</span>
        )}
      </label>
      {props.hint === undefined ? null : (
        <p className="hint" id={id.hint}>
          {props.hint}
        </p>
      )}
      {props.error === undefined ? null : (
        <p className="field-error" id={id.error}>
          {props.error}
        </p>
      )}
      {props.children({
        id: id.input,
        name: props.name,
        'aria-invalid': props.error === undefined ? undefined : true,
        'aria-describedby': describedBy === '' ? undefined : describedBy,
        required: props.required === true,
      })}
    </div>
  );
}

interface A11yProps {
  id: string;
  name: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
  required: boolean;
}

export function TextField(
  props: BaseProps & {
    readonly value: string;
    readonly onChange: (value: string) => void;
    readonly type?: 'text' | 'email' | 'tel' | 'date' | 'password' | 'search';
    readonly autoComplete?: string;
    readonly inputMode?: 'numeric' | 'text' | 'tel' | 'email';
    readonly maxLength?: number;
    readonly pattern?: string;
    readonly width?: 'short' | 'medium' | 'long';
  },
): ReactNode {
  return (
    <Frame {...props}>
      {(a11y) => (
        <input
          {...a11y}
          className={`input input-${props.width ?? 'medium'}`}
          type={props.type ?? 'text'}
          value={props.value}
          autoComplete={props.autoComplete ?? 'off'}
          inputMode={props.inputMode}
          maxLength={props.maxLength}
          pattern={props.pattern}
          spellCheck={false}
          onChange={(e: ChangeEvent<HTMLInputElement>) => {
            props.onChange(e.target.value);
          }}
        />
      )}
    </Frame>
  );
}

/**
 * The first option of a choice the user must make (nothing clinical is chosen by default): its
 * empty value fails the select's `required`, so the form cannot be sent until something is chosen.
 */
export const chooseOption = (what: string): { readonly value: ''; readonly label: string } => ({
  value: '',
  label: `Choose the ${what}`,
});

export function SelectField(
  props: BaseProps & {
    readonly value: string;
    readonly onChange: (value: string) => void;
    readonly options: readonly { readonly value: string; readonly label: string }[];
  },
): ReactNode {
  return (
    <Frame {...props}>
      {(a11y) => (
        <select
          {...a11y}
          className="input input-medium"
          value={props.value}
          onChange={(e: ChangeEvent<HTMLSelectElement>) => {
            props.onChange(e.target.value);
          }}
        >
          {props.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Frame>
  );
}

export function TextArea(
  props: BaseProps & {
    readonly value: string;
    readonly onChange: (value: string) => void;
    readonly maxLength?: number;
  },
): ReactNode {
  return (
    <Frame {...props}>
      {(a11y) => (
        <textarea
          {...a11y}
          className="input input-long"
          rows={2}
          value={props.value}
          maxLength={props.maxLength}
          onChange={(e: ChangeEvent<HTMLTextAreaElement>) => {
            props.onChange(e.target.value);
          }}
        />
      )}
    </Frame>
  );
}
