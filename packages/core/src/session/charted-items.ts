/**
 * Which charting items a stored chart entry satisfies, and when each item was last charted, for
 * the due/overdue prompts. Sedation is satisfied by either scale (RASS or MOAA/S), whether it was
 * charted as its own entry or as a score inside a vitals set; pain by a pain NRS, likewise; and
 * dissociation by a dissociation entry, present or absent. Notes, rate changes and alarms satisfy
 * nothing.
 */
import type { ChartingItem, LastEntries } from './charting-due.ts';

/** A chart entry as stored: its kind, clinical time (epoch ms) and payload. */
export interface ChartedEntry {
  readonly kind: string;
  readonly atMs: number;
  readonly payload: Readonly<Record<string, unknown>>;
}

/** The sedation scales a sedation entry may be scored on (the contract's `scale`). */
export const SEDATION_SCALES = ['rass', 'moaas'] as const;

const isScore = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);
const isRecord = (v: unknown): v is Readonly<Record<string, unknown>> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The items one entry satisfies, in CHARTING_ITEMS order; empty for entries that chart none. */
export function itemsOfEntry(entry: ChartedEntry): readonly ChartingItem[] {
  const p = entry.payload;
  switch (entry.kind) {
    case 'vitals': {
      const v = isRecord(p.vitals) ? p.vitals : {};
      const items: ChartingItem[] = ['vitals'];
      if (isScore(v.rass) || isScore(v.moaas)) items.push('sedation');
      if (isScore(v.painNrs)) items.push('pain');
      return items;
    }
    case 'sedation':
      return (SEDATION_SCALES as readonly unknown[]).includes(p.scale) && isScore(p.score)
        ? ['sedation']
        : [];
    case 'pain':
      return isScore(p.painNrs) ? ['pain'] : [];
    case 'dissociation':
      return typeof p.present === 'boolean' ? ['dissociation'] : [];
    default:
      return [];
  }
}

/**
 * The latest clinical time each item was charted at or before `nowMs`. Entries dated after now
 * are left out here (the write path refuses them; a skewed clock must not hide a due check).
 */
export function lastChartedAt(entries: readonly ChartedEntry[], nowMs: number): LastEntries {
  const last: Partial<Record<ChartingItem, number>> = {};
  for (const entry of entries) {
    if (entry.atMs > nowMs) continue;
    for (const item of itemsOfEntry(entry)) {
      if (entry.atMs > (last[item] ?? -Infinity)) last[item] = entry.atMs;
    }
  }
  return last;
}
