/**
 * The session's controlled-substance ledger in the printed summary: draw, administered and waste
 * with who recorded each and the witness of the waste. Amounts are exact µg from the ledger, shown
 * in mg by the ledger's own exact conversion. Roles that do not read the ledger see a note instead.
 */
import type { SessionRecord } from '@ketaflow/contract';
import type { ReactNode } from 'react';
import { microToMilliText } from '../ledger/milli-units.ts';
import { SummaryTable } from './summary-table.tsx';

export function LedgerTable(props: {
  readonly ledger: SessionRecord['ledger'];
  readonly who: (userId: string) => string;
  readonly at: (iso: string) => string;
}): ReactNode {
  if (props.ledger === null) {
    return (
      <section className="panel" aria-labelledby="summary-ledger">
        <h2 id="summary-ledger">Controlled substance</h2>
        <p className="muted">Your role does not read the controlled-substance ledger.</p>
      </section>
    );
  }
  return (
    <SummaryTable
      id="summary-ledger"
      title="Controlled substance (ledger)"
      columns={['Time', 'Entry', 'NDC and lot', 'Amount', 'Recorded by', 'Witness']}
      rows={props.ledger.map((l) => [
        props.at(l.occurredAt),
        l.type,
        `${l.ndc ?? '—'} lot ${l.lot ?? '—'}`,
        l.amountUg === null ? '—' : `${microToMilliText(l.amountUg)} mg`,
        props.who(l.userId),
        l.witnessId === null ? '—' : props.who(l.witnessId),
      ])}
    />
  );
}
