/**
 * How an administrator classifies a count discrepancy when resolving it (contract
 * DISCREPANCY_CLASSIFICATION_VALUES), as people read them. A loss or theft removes the missing stock
 * from the books; theft and significant loss start the DEA reporting deadlines (21 CFR 1301.76(b)),
 * which the incident list then shows.
 */
import { DISCREPANCY_CLASSIFICATION_VALUES } from '@ketaflow/contract';

export type DiscrepancyClass = (typeof DISCREPANCY_CLASSIFICATION_VALUES)[number];

export const CLASSIFICATION_LABELS: Readonly<Record<DiscrepancyClass, string>> = {
  'count-error': 'Count error (the stock is there)',
  'documentation-error': 'Documentation error (an entry was missing or wrong)',
  'minor-loss': 'Minor loss',
  'significant-loss': 'Significant loss (report to DEA)',
  theft: 'Theft (report to DEA)',
};

export const classificationOptions = (): { value: DiscrepancyClass; label: string }[] =>
  DISCREPANCY_CLASSIFICATION_VALUES.map((value) => ({
    value,
    label: CLASSIFICATION_LABELS[value],
  }));

/** A select's value as a classification, or '' while none is chosen (never a guess). */
export const asClassification = (value: string): DiscrepancyClass | '' =>
  (DISCREPANCY_CLASSIFICATION_VALUES as readonly string[]).includes(value)
    ? (value as DiscrepancyClass)
    : '';

/** A resolved incident's classification as read: its label, or the raw value if unknown. */
export const classificationLabel = (value: string): string => {
  const known = asClassification(value);
  return known === '' ? value : CLASSIFICATION_LABELS[known];
};
