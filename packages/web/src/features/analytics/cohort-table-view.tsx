/**
 * One cohort table on screen with its CSV download (built from the same rows). Numbers are shown
 * rounded for reading; the CSV keeps them as the server sent them.
 */
import type { ReactNode } from 'react';
import { num } from '../outcomes/display.ts';
import type { CohortTable } from './cohort-tables.ts';
import { downloadText, toCsv, type Cell } from './csv.ts';
import { TableRegion } from '../outcomes/table-region.tsx';

const show = (value: Cell): string =>
  value === null
    ? '—'
    : typeof value === 'string'
      ? value
      : num(value, Number.isInteger(value) ? 0 : 3);

export function CohortTableView(props: {
  readonly table: CohortTable;
  /** e.g. `Cohort A`; names the caption, the button and the file. */
  readonly cohort: string;
}): ReactNode {
  const { table, cohort } = props;
  const fileName = `${cohort.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${table.id}.csv`;
  return (
    <div className="cohort-table">
      <TableRegion label={`${cohort}: ${table.title}`}>
        <table>
          <caption>
            {cohort}: {table.title}
          </caption>
          <thead>
            <tr>
              {table.columns.map((c) => (
                <th scope="col" key={c}>
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, i) => (
              <tr key={i}>
                {row.map((cell, j) => (
                  <td key={j} className={typeof cell === 'number' ? 'num' : undefined}>
                    {show(cell)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <button
        type="button"
        className="button"
        onClick={() => {
          downloadText(fileName, toCsv(table), 'text/csv;charset=utf-8');
        }}
      >
        Download CSV: {cohort}, {table.title}
      </button>
    </div>
  );
}
