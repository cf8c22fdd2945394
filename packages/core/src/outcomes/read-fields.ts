/**
 * Small readers that turn untrusted JSON (knowledge files, rows from an edge) into typed values,
 * rejecting anything malformed with the dotted path of the field. Used by the outcome and research
 * parsers so each one states its shape in a few lines.
 */
import { err, ok, type Result } from '../result.ts';

export type Json = unknown;

const fail = <T>(field: string, message: string, code = 'knowledge.invalid-field'): Result<T> =>
  err({ code, field, message });

/** A plain object (not null, not an array). */
export const readObject = (
  value: Json,
  field: string,
): Result<Readonly<Record<string, unknown>>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? ok(value as Record<string, unknown>)
    : fail(field, `${field} must be an object.`);

export const readArray = (value: Json, field: string): Result<readonly unknown[]> =>
  Array.isArray(value) ? ok(value as unknown[]) : fail(field, `${field} must be an array.`);

export const readString = (value: Json, field: string): Result<string> =>
  typeof value === 'string' && value.length > 0
    ? ok(value)
    : fail(field, `${field} must be a non-empty string.`);

export interface NumberBounds {
  readonly min?: number;
  readonly max?: number;
  readonly integer?: boolean;
}

/** A finite number within inclusive bounds. */
export const readNumber = (
  value: Json,
  field: string,
  bounds: NumberBounds = {},
): Result<number> => {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return fail(field, `${field} must be a finite number.`);
  }
  if (bounds.integer === true && !Number.isInteger(value))
    return fail(field, `${field} must be a whole number.`);
  if (bounds.min !== undefined && value < bounds.min)
    return fail(field, `${field} must be at least ${bounds.min}.`);
  if (bounds.max !== undefined && value > bounds.max)
    return fail(field, `${field} must be at most ${bounds.max}.`);
  return ok(value);
};

export const readBoolean = (value: Json, field: string): Result<boolean> =>
  typeof value === 'boolean' ? ok(value) : fail(field, `${field} must be true or false.`);

/** One of a closed set of string literals. */
export const readEnum = <T extends string>(
  value: Json,
  field: string,
  allowed: readonly T[],
): Result<T> =>
  typeof value === 'string' && (allowed as readonly string[]).includes(value)
    ? ok(value as T)
    : fail(field, `${field} must be one of ${allowed.join(', ')}.`);

/** Maps every element with a reader; the first failure wins. */
export const readEach = <T>(
  values: readonly unknown[],
  field: string,
  reader: (value: unknown, field: string) => Result<T>,
): Result<readonly T[]> => {
  const out: T[] = [];
  for (const [index, value] of values.entries()) {
    const read = reader(value, `${field}[${index}]`);
    if (!read.ok) return read;
    out.push(read.value);
  }
  return ok(out);
};

/** The id@version and data of a knowledge file of the expected kind (the envelope itself is checked by the knowledge tests). */
export const readKnowledge = (
  json: Json,
  expectedKind: string,
): Result<{
  readonly ref: { readonly id: string; readonly version: string };
  readonly status: 'draft' | 'released' | 'retired';
  readonly data: Readonly<Record<string, unknown>>;
}> => {
  const envelope = readObject(json, 'knowledge');
  if (!envelope.ok) return envelope;
  const id = readString(envelope.value['id'], 'knowledge.id');
  if (!id.ok) return id;
  const version = readString(envelope.value['version'], 'knowledge.version');
  if (!version.ok) return version;
  if (envelope.value['kind'] !== expectedKind) {
    return fail(
      'knowledge.kind',
      `knowledge.kind must be "${expectedKind}" for ${id.value}@${version.value}.`,
      'knowledge.wrong-kind',
    );
  }
  const status = readEnum(envelope.value['status'], 'knowledge.status', [
    'draft',
    'released',
    'retired',
  ] as const);
  if (!status.ok) return status;
  const data = readObject(envelope.value['data'], 'knowledge.data');
  if (!data.ok) return data;
  return ok({
    ref: { id: id.value, version: version.value },
    status: status.value,
    data: data.value,
  });
};
