/**
 * What the chair board (and the alarm check before a transition) needs of the chart: every rate
 * change, alarm and acknowledgement, and only the latest entry of each charted item (vitals,
 * sedation, pain, dissociation) per session, in time order. One statement written once
 * (db/statement.ts) that reads by (session, kind) on chart_entries_session_kind_time, so its cost
 * does not grow with the length of a chart: the board reads it for every open session up to ten
 * times a second on a busy floor (board/routes.ts).
 */
import type { Tx } from '../db/client.ts';
import { columnList, runStatement, statement, tableRowReader } from '../db/statement.ts';
import type { ChartEntryRow } from './repository.ts';
import { chartEntries } from './schema.ts';

/** Entries read whole: the pump events and alarms the board folds. */
const EVENT_KINDS = ['rate-change', 'alarm', 'alarm-ack'];
/** Charted items of which only the latest per session counts. */
const ITEM_KINDS = ['vitals', 'sedation', 'pain', 'dissociation'];

const boardEntriesStatement = statement(
  'sessions.board-entries',
  `SELECT ${columnList(chartEntries, 'c')} FROM chart_entries c
   WHERE c.clinic_id = $1 AND c.session_id = ANY ($2::uuid[]) AND c.kind = ANY ($3::text[])
   UNION ALL
   SELECT ${columnList(chartEntries, 'c')}
   FROM unnest($2::uuid[]) AS s(id)
   CROSS JOIN unnest($4::text[]) AS k(kind)
   CROSS JOIN LATERAL (
     SELECT ${columnList(chartEntries)} FROM chart_entries
     WHERE clinic_id = $1 AND session_id = s.id AND kind = k.kind
     ORDER BY occurred_at DESC, seq DESC
     LIMIT 1
   ) c`,
  tableRowReader(chartEntries, 'c'),
);

export async function boardEntriesOf(
  tx: Tx,
  clinicId: string,
  sessionIds: readonly string[],
): Promise<ChartEntryRow[]> {
  if (sessionIds.length === 0) return [];
  const rows = await runStatement(tx, boardEntriesStatement, [
    clinicId,
    [...new Set(sessionIds)],
    EVENT_KINDS,
    ITEM_KINDS,
  ]);
  return rows.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || a.seq - b.seq);
}
