/**
 * The clinical JSON commands: `dose`, `pk simulate`, `pk tci`, `pk population`, `mme`, `screen`,
 * `score`. JSON in (stdin or --input FILE), JSON out on stdout; every calculation is @ketaflow/core's.
 * Bad input exits 2 with one line naming the field. Documented with examples in docs/cli.md.
 */
import {
  calculateDose,
  calculateMme,
  CDC_2022_MME_FACTORS,
  createRng,
  evaluateEligibility,
  findInstrument,
  KETAMINE_CHRONIC_PAIN_RULES,
  scoreInstrument,
  simulate,
  simulatePopulation,
  targetControlledInfusion,
  type Result,
} from '@ketaflow/core';
import {
  defined,
  type Defined,
  DoseRequest,
  MmeRequest,
  PkPopulationRequest,
  PkTciRequest,
  ScoreRequest,
  ScreenRequest,
} from '@ketaflow/contract';
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { parseOptions } from './args.ts';
import type { Command } from './command.ts';

/** Bad input: printed as one line, exit code 2. */
export class InputError extends Error {}

function readInput(args: readonly string[]): unknown {
  const options = parseOptions(args, { input: { type: 'string' } });
  const text =
    options.input === undefined ? readFileSync(0, 'utf8') : readFileSync(options.input, 'utf8');
  try {
    return JSON.parse(text);
  } catch {
    throw new InputError('input: not valid JSON');
  }
}

function parse<S extends z.ZodType>(schema: S, raw: unknown): Defined<z.infer<S>> {
  const result = schema.safeParse(raw);
  if (result.success) return defined(result.data);
  const issue = result.error.issues[0];
  const path = issue?.path.map(String).join('.') ?? '';
  const keys = issue?.code === 'unrecognized_keys' ? issue.keys : [];
  const field = [path, ...keys].filter((p) => p !== '').join('.') || 'input';
  const message =
    issue?.code === 'unrecognized_keys'
      ? 'is not a known field; remove it'
      : (issue?.message ?? 'invalid');
  throw new InputError(`${field}: ${message}`);
}

function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  const { field, code, message } = result.error;
  const label = field ?? code;
  // Core's messages usually name the field already; say it once.
  throw new InputError(message.startsWith(label) ? message : `${label}: ${message}`);
}

/** Core returns numeric series as Float64Arrays; JSON has plain arrays (docs/cli.md). */
const plainArrays = (_key: string, value: unknown): unknown =>
  value instanceof Float64Array ? Array.from(value) : value;

function json(command: (raw: unknown) => unknown): Command['run'] {
  return (args) => {
    const output = command(readInput(args));
    process.stdout.write(`${JSON.stringify(output, plainArrays, 2)}\n`);
    return Promise.resolve(0);
  };
}

const summary = (usage: string): string =>
  `${usage.padEnd(31)}JSON from stdin or --input FILE (docs/cli.md)`;

export const clinicalCommands: Readonly<Record<string, Command>> = {
  dose: {
    summary: summary('dose [--input FILE]'),
    run: json((raw) => unwrap(calculateDose(parse(DoseRequest, raw)))),
  },
  'pk simulate': {
    summary: summary('pk simulate [--input FILE]'),
    // simulate() parses untrusted JSON itself and names the field.
    run: json((raw) => unwrap(simulate(raw as Parameters<typeof simulate>[0]))),
  },
  'pk tci': {
    summary: summary('pk tci [--input FILE]'),
    run: json((raw) => unwrap(targetControlledInfusion(parse(PkTciRequest, raw)))),
  },
  'pk population': {
    summary: summary('pk population [--input FILE]'),
    run: json((raw) => {
      const { seed, ...input } = parse(PkPopulationRequest, raw);
      return unwrap(simulatePopulation(input, createRng(seed)));
    }),
  },
  mme: {
    summary: summary('mme [--input FILE]'),
    run: json((raw) => unwrap(calculateMme(parse(MmeRequest, raw), CDC_2022_MME_FACTORS))),
  },
  screen: {
    summary: summary('screen [--input FILE]'),
    run: json((raw) => {
      const request = parse(ScreenRequest, raw);
      const rules = KETAMINE_CHRONIC_PAIN_RULES;
      if (
        request.ruleSet !== undefined &&
        (request.ruleSet.id !== rules.ref.id || request.ruleSet.version !== rules.ref.version)
      ) {
        throw new InputError(
          `ruleSet: unknown rule set; this version ships ${rules.ref.id}@${rules.ref.version}`,
        );
      }
      return unwrap(evaluateEligibility(request.facts, rules));
    }),
  },
  score: {
    summary: summary('score [--input FILE]'),
    run: json((raw) => {
      const request = parse(ScoreRequest, raw);
      const instrument = unwrap(findInstrument(request.instrument, request.version));
      return unwrap(scoreInstrument(instrument, request.answers));
    }),
  },
};
