/**
 * The files of a research export as the page offers them: the README and data dictionary first,
 * then the CSV tables, then one FHIR R4 NDJSON file per resource type, each with its media type.
 */
import type { ResearchExport } from '@ketaflow/contract';

export interface ExportFile {
  readonly name: string;
  readonly group: 'documentation' | 'csv' | 'fhir';
  readonly type: string;
  readonly text: string;
}

const DOCUMENTATION = new Set(['README.txt', 'data_dictionary.csv']);
const byName = (a: ExportFile, b: ExportFile): number => (a.name < b.name ? -1 : 1);

export function exportFiles(result: ResearchExport): ExportFile[] {
  const csv = Object.entries(result.csv).map(([name, text]): ExportFile => ({
    name,
    group: DOCUMENTATION.has(name) ? 'documentation' : 'csv',
    type: name.endsWith('.csv') ? 'text/csv;charset=utf-8' : 'text/plain;charset=utf-8',
    text,
  }));
  const fhir = Object.entries(result.fhir).map(([resource, text]): ExportFile => ({
    name: `${resource}.ndjson`,
    group: 'fhir',
    type: 'application/fhir+ndjson',
    text,
  }));
  return [
    ...csv.filter((f) => f.group === 'documentation').sort(byName),
    ...csv.filter((f) => f.group === 'csv').sort(byName),
    ...fhir.sort(byName),
  ];
}

/** Data lines of a file (NDJSON: resources; CSV: rows after the header). */
export function recordCount(file: ExportFile): number {
  const lines = file.text.split(/\r?\n/).filter((l) => l !== '').length;
  return file.group === 'fhir' ? lines : Math.max(0, lines - 1);
}
