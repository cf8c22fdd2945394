import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEntries, applyEntry, emptyLedger, type LedgerState } from './ledger-state.ts';
import type { DiscrepancyClassification, LedgerEntry } from './ledger-entry.ts';

// Synthetic stock (fictional NDC): 3 containers received, a count finds 2.
let seq = 0;
const id = (): string => `e${String(++seq)}`;
const at = (hhmm: string): string => `2026-11-25T${hhmm}:00Z`;

function counted(classification?: DiscrepancyClassification): {
  entries: LedgerEntry[];
  countId: string;
} {
  const countId = id();
  const entries: LedgerEntry[] = [
    {
      type: 'receive',
      id: id(),
      occurredAt: at('09:00'),
      userId: 'admin-1',
      ndc: '00000-0000-01',
      lot: 'L1',
      expiry: '2027-06-30',
      strengthUgPerMl: 50_000,
      containerVolumeUl: 10_000,
      containers: 3,
      supplier: { name: 'Example Wholesale', deaNumber: 'AB1234563' },
      orderReference: 'PO-1',
      location: 'safe-a',
    },
    {
      type: 'count',
      id: countId,
      occurredAt: at('10:00'),
      userId: 'admin-1',
      ndc: '00000-0000-01',
      lot: 'L1',
      location: 'safe-a',
      countedContainers: 2,
    },
  ];
  if (classification !== undefined) {
    entries.push({
      type: 'resolve-discrepancy',
      id: id(),
      occurredAt: at('11:00'),
      userId: 'admin-1',
      countEntryId: countId,
      classification,
      note: 'Investigated (fictional).',
    });
  }
  return { entries, countId };
}

const filing = (
  countEntryId: string,
  report: 'written-notice' | 'form-106',
  occurredAt = at('12:00'),
): LedgerEntry => ({
  type: 'dea-report',
  id: id(),
  occurredAt,
  userId: 'admin-2',
  countEntryId,
  report,
  reference: `REF-${String(seq)}`,
});

function run(entries: LedgerEntry[]): LedgerState {
  const r = applyEntries(emptyLedger, entries);
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  return r.value;
}

test('a theft: the written notice and the Form 106 are recorded with who filed them, when and the reference', () => {
  const { entries, countId } = counted('theft');
  const notice = filing(countId, 'written-notice');
  const form = filing(countId, 'form-106', at('15:00'));
  const state = run([...entries, notice, form]);
  assert.deepEqual(state.discrepancies.get(countId)?.filings, [
    {
      entryId: notice.id,
      report: 'written-notice',
      reference: (notice as { reference: string }).reference,
      userId: 'admin-2',
      filedAt: at('12:00'),
    },
    {
      entryId: form.id,
      report: 'form-106',
      reference: (form as { reference: string }).reference,
      userId: 'admin-2',
      filedAt: at('15:00'),
    },
  ]);
});

test('the notice may be filed while the discrepancy is still open', () => {
  const { entries, countId } = counted();
  const state = run([...entries, filing(countId, 'written-notice')]);
  assert.equal(state.discrepancies.get(countId)?.filings?.length, 1);
});

test('refused: a second filing of the same report, a count error, before the count, no discrepancy', () => {
  const refuse = (entries: LedgerEntry[], code: string, field: string) => {
    const last = entries.at(-1);
    assert.ok(last !== undefined);
    const r = applyEntry(run(entries.slice(0, -1)), last);
    assert.ok(!r.ok, code);
    assert.equal(r.error.code, code);
    assert.equal(r.error.field, field);
  };
  const theft = counted('significant-loss');
  refuse(
    [...theft.entries, filing(theft.countId, 'form-106'), filing(theft.countId, 'form-106')],
    'ledger.already-filed',
    'report',
  );
  const error = counted('count-error');
  refuse(
    [...error.entries, filing(error.countId, 'written-notice')],
    'ledger.not-reportable',
    'countEntryId',
  );
  const early = counted('theft');
  refuse(
    [...early.entries, filing(early.countId, 'written-notice', at('09:30'))],
    'ledger.occurred-before-dependency',
    'occurredAt',
  );
  refuse(
    [...early.entries, filing('no-such-count', 'written-notice')],
    'ledger.unknown-discrepancy',
    'countEntryId',
  );
  const blank = { ...filing(early.countId, 'form-106'), reference: ' ' } as LedgerEntry;
  refuse([...early.entries, blank], 'ledger.invalid-field', 'reference');
});
