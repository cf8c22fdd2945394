/**
 * The envelope every knowledge file shares: versioned, cited clinical data. Files live at
 * `packages/core/knowledge/<kind folder>/<id>@<version>.json`; released versions are immutable
 * (their SHA-256 sits in `knowledge/lock.json`, checked by the tests).
 */

/** Which knowledge produced a result: stored beside every computed value. */
export interface KnowledgeRef {
  readonly id: string;
  readonly version: string;
}

export const formatRef = (ref: KnowledgeRef): string => `${ref.id}@${ref.version}`;

export type KnowledgeStatus = 'draft' | 'released' | 'retired';

export interface Citation {
  /** Short human label, e.g. "Schwartzman 2009". */
  readonly label: string;
  readonly doi?: string;
  readonly pmid?: string;
  readonly url?: string;
  /** Where in the source the numbers come from (table, figure, page). */
  readonly locator?: string;
}

export interface KnowledgeEnvelope<K extends string = string, D = unknown> {
  readonly id: string;
  readonly version: string;
  readonly kind: K;
  readonly status: KnowledgeStatus;
  readonly title: string;
  /** At least one; each with a DOI, PMID or URL. */
  readonly citations: readonly Citation[];
  /** Unit of every numeric field in `data`, keyed by its dotted path. */
  readonly units: Readonly<Record<string, string>>;
  /** Caveats a clinician must know (assumptions, unverified items, population limits). */
  readonly notes?: readonly string[];
  readonly data: D;
}
