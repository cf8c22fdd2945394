/**
 * Keeps a screen that re-reads the same thing repeatedly from going back in time: answers can
 * arrive out of order (a slow re-read started before a fast one), and one older than an answer
 * already shown must be dropped, or a pause recorded elsewhere, or a new alarm, would vanish again.
 */
export interface AnswerOrder {
  /** A ticket for a read about to be sent. */
  readonly issue: () => number;
  /** Whether the answer to `ticket` may be shown (it is not older than what is shown). */
  readonly accept: (ticket: number) => boolean;
  /** Something newer than every read in flight is shown now (e.g. the server's answer to a step). */
  readonly supersede: () => void;
}

export function answerOrder(): AnswerOrder {
  let issued = 0;
  let shown = 0;
  return {
    issue: () => (issued += 1),
    accept: (ticket) => {
      if (ticket < shown) return false;
      shown = ticket;
      return true;
    },
    supersede: () => {
      shown = issued + 1;
    },
  };
}
