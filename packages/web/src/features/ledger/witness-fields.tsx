/**
 * One witness signing at the moment of witnessing (T-44): email, password and the authenticator
 * code (required of a ledger witness; of the rate change's checker only when they have an app),
 * with the server's messages for `<prefix>.email` etc. and for the witness as a whole (`<prefix>`:
 * not authenticated, self-witness). Used by waste, destruction and correction forms and the rate
 * change's double check. The browser holds back a code that is not 6 digits.
 */
import type { ReactNode } from 'react';
import { TextField } from '../../components/field.tsx';
import {
  codeField,
  TOTP_CODE_PATTERN,
  type SecondFactorRule,
  type WitnessInput,
} from './witness-credentials.ts';

export function WitnessFields(props: {
  /** Request path of these credentials: `witness`, `witnesses.0`, `witnesses.1`. */
  readonly prefix: string;
  /** Input names start with it when the page has several forms with the same witness path. */
  readonly form?: string;
  readonly legend: string;
  /** Label start: "Witness", "First witness". */
  readonly who: string;
  readonly value: WitnessInput;
  readonly onChange: (value: WitnessInput) => void;
  readonly errors: Readonly<Record<string, string>>;
  /** Ledger witnesses (the default): `required`; the rate double check: `when-enrolled`. */
  readonly secondFactor?: SecondFactorRule;
}): ReactNode {
  const { prefix, value, errors } = props;
  const code = codeField(props.who, props.secondFactor ?? 'required');
  const set = (k: keyof WitnessInput) => (text: string) => {
    props.onChange({ ...value, [k]: text });
  };
  const whole = errors[prefix];
  const name = (k: string): string =>
    props.form === undefined ? `${prefix}.${k}` : `${props.form}.${prefix}.${k}`;
  return (
    <fieldset>
      <legend>{props.legend}</legend>
      {whole === undefined ? null : <p className="field-error">{whole}</p>}
      <div className="inline-form">
        <TextField
          name={name('email')}
          label={`${props.who} email`}
          type="email"
          value={value.email}
          onChange={set('email')}
          required
          error={errors[`${prefix}.email`]}
        />
        <TextField
          name={name('password')}
          label={`${props.who} password`}
          type="password"
          value={value.password}
          onChange={set('password')}
          autoComplete="off"
          required
          error={errors[`${prefix}.password`]}
        />
        <TextField
          name={name('totpCode')}
          label={code.label}
          {...(code.hint === undefined ? {} : { hint: code.hint })}
          value={value.totp}
          onChange={set('totp')}
          inputMode="numeric"
          maxLength={6}
          pattern={TOTP_CODE_PATTERN}
          width="short"
          required={code.required}
          markOptional
          error={errors[`${prefix}.totpCode`]}
        />
      </div>
    </fieldset>
  );
}
