/**
 * The clinic's calendar date of an instant (the consent date must be the clinic's date of the
 * attestation, not the browser's). `en-CA` formats dates as YYYY-MM-DD.
 */
export function clinicDate(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}
