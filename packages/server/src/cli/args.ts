/** Strict option parsing for CLI commands: unknown options and missing values are usage errors. */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseOptions<O extends Options>(
  args: readonly string[],
  options: O,
): ReturnType<
  typeof parseArgs<{ args: string[]; options: O; strict: true; allowPositionals: false }>
>['values'] {
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error), { cause: error });
  }
}

/** The value of a required string option, or a usage error naming it. */
export function required(value: string | undefined, name: string, example: string): string {
  if (value === undefined || value === '') {
    throw new UsageError(`--${name} is required, e.g. --${name} ${example}`);
  }
  return value;
}
