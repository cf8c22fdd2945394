/**
 * The sedation, dissociation and pain form: what was typed and the entries it sends, one per score
 * typed (each with its own client id). Each entry keeps the part of the form it came from, so a
 * refused one can be loaded back alone (chart-draft.ts). Values go as typed; the server names a
 * bad field.
 */
import type { ChartEntryRequest } from '@ketaflow/contract';
import { typedNumber } from '../../app/typed-number.ts';
import { sedationRequest, type SedationScale } from './charting-form-model.ts';

export interface ScoresFields {
  readonly scale: SedationScale | '';
  readonly sedation: string;
  /** '' (not assessed), 'no' or 'yes'. */
  readonly dissociation: string;
  readonly description: string;
  readonly pain: string;
}

/** The form cleared; the scale is the protocol's when it names one (the order, not a guess). */
export const emptyScores = (scale: SedationScale | ''): ScoresFields => ({
  scale,
  sedation: '',
  dissociation: '',
  description: '',
  pain: '',
});

type Stamp = { readonly id: string; readonly occurredAt: string };

/** An entry to queue with the part of the form it came from. */
export interface ScoresEntry {
  readonly request: ChartEntryRequest;
  readonly fields: ScoresFields;
}

/**
 * The entries for what was typed (none for an empty form, nor for a sedation score without its
 * scale: the select is required then). `stamp` gives each its id and clinical time by kind.
 */
export function scoresEntries(
  f: ScoresFields,
  stamp: (kind: 'sedation' | 'dissociation' | 'pain') => Stamp,
): ScoresEntry[] {
  if (f.sedation.trim() !== '' && f.scale === '') return [];
  const none = emptyScores('');
  const out: ScoresEntry[] = [];
  const sedation = sedationRequest(f.scale, f.sedation, stamp('sedation'));
  if (sedation !== null) {
    out.push({ request: sedation, fields: { ...none, scale: f.scale, sedation: f.sedation } });
  }
  if (f.dissociation !== '') {
    out.push({
      request: {
        ...stamp('dissociation'),
        kind: 'dissociation',
        present: f.dissociation === 'yes',
        ...(f.description.trim() === '' ? {} : { description: f.description.trim() }),
      },
      fields: { ...none, dissociation: f.dissociation, description: f.description },
    });
  }
  if (f.pain.trim() !== '') {
    out.push({
      request: { ...stamp('pain'), kind: 'pain', painNrs: typedNumber(f.pain) },
      fields: { ...none, pain: f.pain },
    });
  }
  return out;
}
