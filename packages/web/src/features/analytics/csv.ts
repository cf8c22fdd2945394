/**
 * CSV built in the browser from the same table data the screen shows (RFC 4180: comma-separated,
 * CRLF line ends, a field quoted when it holds a comma, quote, CR or LF, quotes doubled), and a
 * download of any text as a file. Numbers are written unrounded; empty means no value.
 */

export type Cell = string | number | null;

export interface CsvTable {
  /** Column headers, each naming its unit, e.g. `MME change (MME/day)`. */
  readonly columns: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
}

/** One field: quoted only when it must be. */
export function csvField(value: Cell): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(table: CsvTable): string {
  const lines = [table.columns, ...table.rows].map((row) => row.map(csvField).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** Saves `text` as a file named `fileName` through a temporary object URL. */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}
