/**
 * Parses and validates the shared knowledge-file envelope (id, version, kind, status, title,
 * citations, units, data) and states where a file with that envelope must live. Every other
 * knowledge parser (protocols, PK models, MME factors …) starts from a parsed envelope.
 */
import { err, ok, type CoreError, type Result } from '../result.ts';
import type { Citation, KnowledgeEnvelope, KnowledgeStatus } from './types.ts';

/** Lower-case words joined by single hyphens: `crps-outpatient`, `pk-models`. */
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Semantic version without pre-release or build metadata: `1.0.0`, `2.13.4`. */
const SEMVER = /^(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)$/;
const STATUSES: readonly KnowledgeStatus[] = ['draft', 'released', 'retired'];
const ENVELOPE_KEYS = [
  'id',
  'version',
  'kind',
  'status',
  'title',
  'citations',
  'units',
  'notes',
  'data',
];

const fail = (field: string, code: string, message: string): Result<never> =>
  err({ code: `knowledge.${code}`, field, message });

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const nonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

function parseCitation(raw: unknown, index: number): Result<Citation> {
  const field = `citations[${index}]`;
  if (!isRecord(raw)) return fail(field, 'invalid-citation', `${field} must be an object.`);
  if (!nonEmptyString(raw.label)) {
    return fail(`${field}.label`, 'invalid-citation', `${field}.label must name the source.`);
  }
  const out: { -readonly [K in keyof Citation]: Citation[K] } = { label: raw.label };
  for (const key of ['doi', 'pmid', 'url', 'locator'] as const) {
    const value = raw[key];
    if (value === undefined) continue;
    if (!nonEmptyString(value)) {
      return fail(
        `${field}.${key}`,
        'invalid-citation',
        `${field}.${key} must be a non-empty string.`,
      );
    }
    out[key] = value;
  }
  if (out.doi === undefined && out.pmid === undefined && out.url === undefined) {
    return fail(field, 'citation-without-locator', `${field} needs a doi, pmid or url.`);
  }
  if (out.doi !== undefined && !/^10\.\d{4,9}\/\S+$/.test(out.doi)) {
    return fail(
      `${field}.doi`,
      'invalid-citation',
      `${field}.doi must look like 10.1000/xyz (no https prefix).`,
    );
  }
  if (out.pmid !== undefined && !/^[1-9][0-9]{0,8}$/.test(out.pmid)) {
    return fail(
      `${field}.pmid`,
      'invalid-citation',
      `${field}.pmid must be digits only, e.g. "29870458".`,
    );
  }
  if (out.url !== undefined && !/^https?:\/\/\S+$/.test(out.url)) {
    return fail(
      `${field}.url`,
      'invalid-citation',
      `${field}.url must start with http:// or https://.`,
    );
  }
  return ok(out);
}

/**
 * Validates a parsed JSON value as a knowledge envelope. Unknown top-level keys are rejected
 * (a typo such as `citation` must not silently drop the sources). `data` must be an object;
 * its content is validated by the kind's own parser.
 */
export function parseEnvelope(
  raw: unknown,
): Result<KnowledgeEnvelope<string, Readonly<Record<string, unknown>>>> {
  if (!isRecord(raw)) return fail('', 'not-an-object', 'A knowledge file must be a JSON object.');
  for (const key of Object.keys(raw)) {
    if (!ENVELOPE_KEYS.includes(key)) {
      return fail(
        key,
        'unknown-key',
        `Unknown top-level key "${key}"; allowed: ${ENVELOPE_KEYS.join(', ')}.`,
      );
    }
  }
  const { id, version, kind, status, title, citations, units, notes, data } = raw;
  if (typeof id !== 'string' || !SLUG.test(id)) {
    return fail(
      'id',
      'invalid-id',
      'id must be lower-case words joined by hyphens, e.g. "crps-outpatient".',
    );
  }
  if (typeof version !== 'string' || !SEMVER.test(version)) {
    return fail(
      'version',
      'invalid-version',
      'version must be a semantic version such as "1.0.0".',
    );
  }
  if (typeof kind !== 'string' || !SLUG.test(kind)) {
    return fail(
      'kind',
      'invalid-kind',
      'kind must be the folder name, e.g. "protocols" or "pk-models".',
    );
  }
  if (typeof status !== 'string' || !(STATUSES as readonly string[]).includes(status)) {
    return fail('status', 'invalid-status', `status must be one of ${STATUSES.join(', ')}.`);
  }
  if (!nonEmptyString(title))
    return fail('title', 'invalid-title', 'title must be a non-empty string.');
  if (!Array.isArray(citations) || citations.length === 0) {
    return fail(
      'citations',
      'missing-citation',
      'citations must list at least one source with a doi, pmid or url.',
    );
  }
  const parsedCitations: Citation[] = [];
  for (const [i, c] of citations.entries()) {
    const parsed = parseCitation(c, i);
    if (!parsed.ok) return parsed;
    parsedCitations.push(parsed.value);
  }
  if (!isRecord(units)) {
    return fail(
      'units',
      'invalid-units',
      'units must map each numeric data path to its unit, e.g. {"rateCapMgPerH": "mg/h"}.',
    );
  }
  for (const [path, unit] of Object.entries(units)) {
    if (!nonEmptyString(unit))
      return fail(
        `units.${path}`,
        'invalid-units',
        `units.${path} must be a unit string such as "mg/h".`,
      );
  }
  let parsedNotes: readonly string[] | undefined;
  if (notes !== undefined) {
    if (!Array.isArray(notes) || !notes.every(nonEmptyString)) {
      return fail('notes', 'invalid-notes', 'notes must be an array of non-empty strings.');
    }
    parsedNotes = notes;
  }
  if (!isRecord(data)) return fail('data', 'invalid-data', 'data must be a JSON object.');
  return ok({
    id,
    version,
    kind,
    status: status as KnowledgeStatus,
    title,
    citations: parsedCitations,
    units: units as Readonly<Record<string, string>>,
    ...(parsedNotes === undefined ? {} : { notes: parsedNotes }),
    data,
  });
}

/**
 * The folder a kind lives in: the kind itself or its plural (`pk-model` in `pk-models/`,
 * `drug-library` in `drug-library/`). Both spellings are accepted so every team's files share
 * one rule: `<kind folder>/<id>@<version>.json`.
 */
export const kindFolders = (kind: string): readonly string[] => [kind, `${kind}s`];

/** Checks that a file's relative path matches its envelope (kind folder, id and version). */
export function checkKnowledgePath(
  relativePath: string,
  envelope: { kind: string; id: string; version: string },
): CoreError | undefined {
  const fileName = `${envelope.id}@${envelope.version}.json`;
  const allowed = kindFolders(envelope.kind).map((folder) => `${folder}/${fileName}`);
  if (allowed.includes(relativePath)) return undefined;
  return {
    code: 'knowledge.path-mismatch',
    field: relativePath,
    message: `${relativePath} declares kind "${envelope.kind}", id "${envelope.id}" and version "${envelope.version}", so it must be stored at ${allowed.join(' or ')}.`,
  };
}
