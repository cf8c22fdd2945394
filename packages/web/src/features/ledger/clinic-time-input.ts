/**
 * Times typed on the clinic's wall clock (a date and HH:MM) as the instants they name: a DEA report's
 * time filed, a draw recorded after the fact. What is not a real date and time becomes '' (sent as
 * typed cannot be parsed), so the server names the field; nothing is guessed.
 */
import { clinicInstant } from '../../app/clinic-wall-time.ts';

// The wall-clock reading itself is shared with charting (app/clinic-wall-time.ts).
export { clinicInstant };

/**
 * When a draw happened, as typed on the clinic clock: both left empty means now (undefined; the
 * draw is stamped when first sent); both given, the instant, or '' when it is not a real date and
 * time (sent as typed, so the server names occurredAt); one without the other is an error to show.
 */
export function typedDrawTime(
  date: string,
  time: string,
  timeZone: string,
): { readonly occurredAt: string | undefined } | { readonly error: string } {
  const [d, t] = [date.trim(), time.trim()];
  if (d === '' && t === '') return { occurredAt: undefined };
  if (d === '' || t === '') {
    return { error: 'Give both the date and the time of the draw, or neither for now.' };
  }
  return { occurredAt: clinicInstant(d, t, timeZone) ?? '' };
}
