/**
 * Checks of what a receipt copies from the supplier's paperwork, so a typing slip is refused at
 * the door instead of becoming a DEA record: the supplier's DEA registration number (format and
 * check digit), the package's National Drug Code in one of the FDA's hyphenated configurations,
 * and an expiry that has not already passed when the stock arrives. Errors are
 * `ledger.invalid-field` (or `ledger.expired-on-receipt`) naming the field; nothing is repaired.
 */
import { err, ok, type Result } from '../result.ts';
import { dayNumber, parseIsoDate } from '../session/iso-date.ts';

const DEA_NUMBER = /^[A-Za-z][A-Za-z9]([0-9]{7})$/;

/**
 * The check digit of a DEA registration number's seven digits d1…d7: d7 is the last digit of
 * (d1 + d3 + d5) + 2 × (d2 + d4 + d6). The letters are the registrant type and (for individual
 * practitioners) the initial of the surname, or 9 — they carry no check.
 * @see https://www.deadiversion.usdoj.gov/ (DEA Diversion Control Division, the registry of record;
 *   the check-digit rule as taught for verifying a registration, e.g. http://www.takerx.com/verify.html
 *   with its worked example AP5836727)
 */
export function deaCheckDigitOk(digits: string): boolean {
  // The DEA_NUMBER pattern has already limited `digits` to ASCII digits.
  const d = Array.from({ length: digits.length }, (_, i) => Number(digits.charAt(i)));
  if (d.length !== 7 || d.some((x) => !Number.isInteger(x))) return false;
  const [d1, d2, d3, d4, d5, d6, d7] = d as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return (d1 + d3 + d5 + 2 * (d2 + d4 + d6)) % 10 === d7;
}

/** A DEA registration number: a letter, a letter or 9, and seven digits whose last checks. */
export function checkDeaNumber(value: string, field: string): Result<true> {
  const m = DEA_NUMBER.exec(value);
  if (m === null)
    return err({
      code: 'ledger.invalid-field',
      field,
      message: `${field} must be a DEA registration number: two letters and seven digits, like AB1234563.`,
    });
  if (!deaCheckDigitOk(m[1] ?? ''))
    return err({
      code: 'ledger.invalid-field',
      field,
      message: `${field} ${value} fails the DEA check digit; copy the number again from the DEA Form 222 or invoice.`,
    });
  return ok(true);
}

/** Labeler-product-package digit counts: 4-4-2, 5-3-2, 5-4-1 (10 digits) and 5-4-2 (11). */
const NDC_FORMS = [
  /^[0-9]{4}-[0-9]{4}-[0-9]{2}$/,
  /^[0-9]{5}-[0-9]{3}-[0-9]{2}$/,
  /^[0-9]{5}-[0-9]{4}-[0-9]{1}$/,
  /^[0-9]{5}-[0-9]{4}-[0-9]{2}$/,
];

/**
 * The National Drug Code as printed on the package: 10 digits in the FDA's labeler-product-package
 * configurations 4-4-2, 5-3-2 or 5-4-1, or the 11-digit 5-4-2 form (10 digits padded with one
 * leading zero, as billing systems and many invoices print it), hyphens included.
 * @see https://www.ecfr.gov/current/title-21/part-207/section-207.33 (21 CFR 207.33; 207.35 in
 *   editions before 2016) and the FDA NDC Directory, https://www.fda.gov/drugs/drug-approvals-and-databases/national-drug-code-directory
 */
export function checkNdc(value: string, field: string): Result<true> {
  return NDC_FORMS.some((form) => form.test(value))
    ? ok(true)
    : err({
        code: 'ledger.invalid-field',
        field,
        message: `${field} must be a National Drug Code with its hyphens as on the package: 4-4-2, 5-3-2, 5-4-1 or 5-4-2 digits (like 12345-678-90).`,
      });
}

/**
 * Stock whose expiry (last day of use, YYYY-MM-DD) is before `receivedOn` (the clinic date the
 * receipt happened) is refused: expired stock is returned to the supplier, never put on the shelf.
 */
export function checkExpiryOnReceipt(expiry: string, receivedOn: string): Result<true> {
  const e = parseIsoDate(expiry, 'expiry');
  if (!e.ok)
    return err({ code: 'ledger.invalid-field', field: 'expiry', message: e.error.message });
  const r = parseIsoDate(receivedOn, 'occurredAt');
  if (!r.ok)
    return err({ code: 'ledger.invalid-field', field: 'occurredAt', message: r.error.message });
  return dayNumber(e.value) < dayNumber(r.value)
    ? err({
        code: 'ledger.expired-on-receipt',
        field: 'expiry',
        message: `This lot expired on ${expiry}, before it was received on ${receivedOn}; return it to the supplier instead of receiving it.`,
      })
    : ok(true);
}
