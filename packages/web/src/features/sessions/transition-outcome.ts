/**
 * What a failed transition means for the session. A refusal the server answered (4xx) was not
 * recorded. When the answer was lost (no connection), was a server or gateway error (5xx), or could
 * not be read, the server may well have stored the step: the screen must not say "not recorded", but
 * that it is unknown, and send the user to the current state before trying again.
 */
import type { ApiProblem } from '../../api/problem.ts';

export function outcomeUnknown(problem: ApiProblem): boolean {
  return problem.status === 0 || problem.status >= 500 || problem.code === 'response.unexpected';
}

export const UNKNOWN_OUTCOME =
  'It is unknown whether this step was recorded: reload the session to see its current state before trying again';
