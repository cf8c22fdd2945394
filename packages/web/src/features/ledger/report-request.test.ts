/* eslint-disable no-restricted-imports -- unit tests run in Node (node:test), not in the browser */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  parseReportRequest,
  patientChoice,
  reportCoverage,
  reportCsvUrl,
  reportPath,
  type ReportRequest,
} from './report-request.ts';

const patient = '00000000-0000-4000-8000-000000000001';
const requests: ReportRequest[] = [
  { kind: 'inventory', date: '2026-11-25', basis: 'close', inventoryKind: 'biennial' },
  { kind: 'lot', ndc: '12345-6789-01', lot: 'L 1/2', from: '2026-11-01', to: '2026-11-25' },
  { kind: 'patient', patientId: patient, from: '2026-11-01', to: '2026-11-25' },
];

test('the ledger page itself asks for no report', () => {
  assert.equal(parseReportRequest(''), null);
  assert.equal(parseReportRequest('?session=abc'), null);
});

test('each report round-trips through its printable address', () => {
  for (const r of requests) {
    const path = reportPath(r);
    assert.ok(path.startsWith('/ledger?report='), path);
    assert.deepEqual(parseReportRequest(path.slice('/ledger'.length)), { ok: true, request: r });
  }
});

test('a missing value is named; an inventory without opening or close is not taken', () => {
  assert.deepEqual(parseReportRequest('?report=inventory&date=2026-11-25&kind=initial'), {
    ok: false,
    missing: ['basis'],
  });
  assert.deepEqual(parseReportRequest('?report=inventory&basis=noon&kind=initial'), {
    ok: false,
    missing: ['date', 'basis'],
  });
  assert.deepEqual(parseReportRequest('?report=lot&ndc=1&lot=&from=2026-11-01'), {
    ok: false,
    missing: ['lot', 'to'],
  });
  assert.deepEqual(parseReportRequest('?report=patient&from=a&to=b'), {
    ok: false,
    missing: ['patient'],
  });
  assert.deepEqual(parseReportRequest('?report=everything'), { ok: false, missing: ['report'] });
});

test('an inventory is initial or biennial: neither, or anything else, is not taken', () => {
  assert.deepEqual(parseReportRequest('?report=inventory&date=2026-11-25&basis=close'), {
    ok: false,
    missing: ['kind'],
  });
  assert.deepEqual(
    parseReportRequest('?report=inventory&date=2026-11-25&basis=close&kind=annual'),
    {
      ok: false,
      missing: ['kind'],
    },
  );
  assert.deepEqual(
    parseReportRequest('?report=inventory&date=2026-11-25&basis=opening&kind=initial'),
    {
      ok: true,
      request: {
        kind: 'inventory',
        date: '2026-11-25',
        basis: 'opening',
        inventoryKind: 'initial',
      },
    },
  );
  assert.equal(
    reportPath({ kind: 'inventory', date: '2026-11-25', basis: 'close', inventoryKind: 'initial' }),
    '/ledger?report=inventory&date=2026-11-25&basis=close&kind=initial',
  );
});

test('the CSV twin is the same report from the same endpoint, as CSV', () => {
  const [inventory, lot, forPatient] = requests.map(reportCsvUrl);
  assert.equal(
    inventory,
    '/api/v1/ledger/reports/inventory?date=2026-11-25&basis=close&kind=biennial&format=csv',
  );
  assert.ok(lot?.startsWith('/api/v1/ledger/reports/lot?'));
  assert.equal(new URLSearchParams(lot?.split('?')[1]).get('lot'), 'L 1/2');
  assert.equal(
    forPatient,
    `/api/v1/ledger/reports/patients/${patient}?from=2026-11-01&to=2026-11-25&format=csv`,
  );
});

test('what the record covers is stated: opening or close of business, or the day range', () => {
  assert.equal(
    reportCoverage({
      kind: 'inventory',
      date: '2026-11-25',
      basis: 'opening',
      inventoryKind: 'initial',
    }),
    'As of the opening of business on 2026-11-25',
  );
  assert.equal(
    reportCoverage(requests[0] as ReportRequest),
    'As of the close of business on 2026-11-25',
  );
  assert.equal(
    reportCoverage(requests[2] as ReportRequest),
    'Entries dated 2026-11-01 to 2026-11-25 (clinic days)',
  );
});

test('a patient is offered by name, MRN and date of birth', () => {
  assert.deepEqual(
    patientChoice({
      id: patient,
      legalFamilyName: 'Testperson',
      legalGivenName: 'Fictional',
      mrn: 'KF-0001',
      dateOfBirth: '1980-02-29',
    }),
    { value: patient, label: 'Testperson, Fictional · MRN KF-0001 · born 1980-02-29' },
  );
});
