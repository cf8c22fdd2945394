/**
 * The portal consent attestation form as data: what the patient typed and ticked becomes the
 * request body, checked with the API's own schema before sending (the server checks again and
 * compares the name with the registered legal name). Nothing is repaired: a name with stray spaces
 * is refused, not trimmed.
 */
import { PortalConsentAttest } from '@ketaflow/contract';

export interface ConsentDraft {
  readonly attestedName: string;
  readonly confirmed: boolean;
}

export const EMPTY_CONSENT_DRAFT: ConsentDraft = { attestedName: '', confirmed: false };

export type ConsentRequest =
  | { readonly ok: true; readonly body: PortalConsentAttest }
  /** Messages by form key (`attestedName`, `confirmed`). */
  | { readonly ok: false; readonly fields: Readonly<Record<string, string>> };

/** The request for `draft`, or the messages of the fields to fix. */
export function consentRequest(id: string, textId: string, draft: ConsentDraft): ConsentRequest {
  const parsed = PortalConsentAttest.safeParse({
    id,
    consentTextId: textId,
    attestedName: draft.attestedName,
    confirmed: draft.confirmed,
  });
  if (parsed.success) return { ok: true, body: parsed.data };
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.join('.');
    fields[key] ??=
      key === 'attestedName' && draft.attestedName === '' ? 'Type your full name.' : issue.message;
  }
  return { ok: false, fields };
}

/** The consent text's paragraphs (blank lines separate them). */
export const paragraphsOf = (body: string): string[] =>
  body.split(/\n\s*\n/).filter((p) => p.trim() !== '');
