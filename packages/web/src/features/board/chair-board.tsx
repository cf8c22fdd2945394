/**
 * The chair board for the floor: every chair with patient initials (minimum necessary), protocol,
 * state, elapsed and remaining minutes, current rate in mg/h and mL/h, last vitals (with units) and
 * their age, overdue checks and active alarms with the value and rule that raised them. Tiles with
 * alarms or overdue checks stand out; a compact grid keeps 30 chairs on one screen. Minutes and
 * overdue checks are computed by the server at the snapshot's time, so the board says "as of" when.
 */
import type { BoardTile } from '@ketaflow/contract';
import type { ReactNode } from 'react';
import { formatClock } from '../../app/format.ts';
import { useReadySession } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/alert.tsx';
import { Link } from '../../components/link.tsx';
import { Loading, Page } from '../../components/page.tsx';
import '../sessions/floor.css';
import { boardAlarmText, vitalsText } from './board-text.ts';
import { useBoardStream } from './use-board-stream.ts';

export function ChairBoard(): ReactNode {
  const { clinic } = useReadySession();
  const { snapshot, live, problem } = useBoardStream();
  return (
    <Page title="Chair board">
      <p role="status" className={live ? 'muted' : 'alert alert-warn'}>
        {live
          ? 'Live: updates arrive as they are charted; times and overdue checks refresh by themselves.'
          : 'Not live: reconnecting. What is shown may be out of date.'}
        {snapshot === null
          ? null
          : ` Board as of ${formatClock(snapshot.generatedAt, clinic.timeZone)}.`}
      </p>
      <ErrorAlert problem={problem} />
      {snapshot === null ? (
        problem === null ? (
          <Loading what="the chair board" />
        ) : null
      ) : (
        <ul className="board-grid" aria-label="Chairs">
          {snapshot.chairs.map((tile) => (
            <Tile key={tile.chairId} tile={tile} />
          ))}
        </ul>
      )}
    </Page>
  );
}

function Tile(props: { readonly tile: BoardTile }): ReactNode {
  const { tile } = props;
  const s = tile.session;
  if (s === null) {
    return (
      <li className="board-tile board-tile-empty">
        <h2>{tile.chairName}</h2>
        <p>Free</p>
      </li>
    );
  }
  const alarm = s.activeAlarms.length > 0;
  const className = `board-tile${alarm ? ' board-tile-alarm' : ''}${s.overdue.length > 0 ? ' board-tile-overdue' : ''}`;
  return (
    <li className={className}>
      <h2>
        {tile.chairName} · <Link to={`/sessions/${s.id}`}>{s.initials}</Link>
      </h2>
      <dl>
        <dt>State</dt>
        <dd>{s.state.replace(/-/g, ' ')}</dd>
        <dt>Protocol</dt>
        <dd className="num board-protocol" title={s.protocol}>
          {s.protocol}
        </dd>
        <dt>Time</dt>
        <dd className="num">
          {s.elapsedMin === null ? '—' : `${String(s.elapsedMin)} min`} elapsed ·{' '}
          {s.remainingMin === null ? '—' : `${String(s.remainingMin)} min`} left
        </dd>
        <dt>Rate</dt>
        <dd className="num">
          {s.rateMgPerH} mg/h · {s.rateMlPerH} mL/h
        </dd>
        <dt>Vitals</dt>
        <dd className="num">
          {s.lastVitals === null
            ? 'none yet'
            : `${vitalsText(s.lastVitals.values)} (${String(s.lastVitals.ageMin)} min ago)`}
        </dd>
      </dl>
      {s.overdue.length === 0 ? null : (
        <p className="prompt-overdue">Overdue: {s.overdue.join(', ')}</p>
      )}
      {alarm ? (
        <p className="prompt-overdue">Alarm: {s.activeAlarms.map(boardAlarmText).join('; ')}</p>
      ) : null}
    </li>
  );
}
