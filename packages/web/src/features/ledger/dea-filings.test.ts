/* eslint-disable no-restricted-imports -- unit tests run in Node (node:test), not in the browser */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DiscrepancyClass } from './discrepancy-classes.ts';
import {
  asDeaReport,
  deaReportBody,
  filingText,
  reportsToFile,
  type Filing,
} from './dea-filings.ts';

const LA = 'America/Los_Angeles';
const notice: Filing = {
  entryId: '00000000-0000-4000-8000-000000000001',
  report: 'written-notice',
  filedAt: '2026-11-25T17:05:00.000Z',
  reference: 'DEA-E2E-0001',
  filedBy: { userId: '00000000-0000-4000-8000-000000000002', name: 'Kim Keeper' },
};
const resolved = (classification: DiscrepancyClass) => ({
  resolution: { entryId: 'r', classification, note: 'n' },
});

test('a filing reads as the report, when on the clinic clock, its reference and who filed it', () => {
  assert.equal(
    filingText(notice, LA),
    'Written notice of theft or significant loss (to the DEA) filed 2026-11-25 09:05 PST · ' +
      'reference DEA-E2E-0001 · by Kim Keeper',
  );
});

test('a theft or significant loss takes the reports not yet filed; an open one may too', () => {
  assert.deepEqual(reportsToFile({ ...resolved('theft'), filings: [] }), [
    'written-notice',
    'form-106',
  ]);
  assert.deepEqual(reportsToFile({ ...resolved('significant-loss'), filings: [notice] }), [
    'form-106',
  ]);
  assert.deepEqual(reportsToFile({ resolution: null, filings: [notice] }), ['form-106']);
  assert.deepEqual(
    reportsToFile({ ...resolved('theft'), filings: [notice, { ...notice, report: 'form-106' }] }),
    [],
    'both filed: nothing left',
  );
});

test('a discrepancy resolved as an error or a minor loss takes no DEA report', () => {
  for (const c of ['count-error', 'documentation-error', 'minor-loss'] as const) {
    assert.deepEqual(reportsToFile({ ...resolved(c), filings: [] }), [], c);
  }
});

test('the report is chosen, never guessed', () => {
  assert.equal(asDeaReport(''), '');
  assert.equal(asDeaReport('form-41'), '');
  assert.equal(asDeaReport('form-106'), 'form-106');
});

test('the entry sent names the discrepancy, the report, its reference and when it was filed', () => {
  const input = {
    report: 'form-106' as const,
    reference: '106-A',
    date: '2026-11-25',
    time: '09:05',
  };
  assert.deepEqual(deaReportBody('c1', input, LA), {
    type: 'dea-report',
    countEntryId: 'c1',
    report: 'form-106',
    reference: '106-A',
    occurredAt: '2026-11-25T17:05:00.000Z',
  });
  const unreal = deaReportBody('c1', { ...input, time: '25:00' }, LA);
  assert.ok(unreal.type === 'dea-report');
  assert.equal(unreal.occurredAt, '', 'left for the server to name (body.occurredAt)');
});
