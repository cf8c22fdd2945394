/* eslint-disable no-restricted-imports -- unit tests run in Node (node:test), not in the browser */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  countBody,
  countLotOptions,
  countLotValue,
  countKindText,
  countRecordedMessage,
  OTHER_LOT,
  parseCountLotValue,
} from './count-entry.ts';

const NDC = '00000-0000-01';
const input = {
  kind: 'end-of-shift',
  locationId: 'loc-a',
  lot: countLotValue({ ndc: NDC, lot: 'L1' }),
  counted: '2',
  note: '',
};

test('a lot is offered once whatever locations hold it, without the locations', () => {
  const options = countLotOptions([
    { ndc: NDC, lot: 'L2', expiry: '2028-01-31' },
    { ndc: NDC, lot: 'L1', expiry: '2027-06-30' },
    { ndc: NDC, lot: 'L1', expiry: '2027-06-30' },
  ]);
  assert.deepEqual(
    options.map((o) => o.label),
    [`${NDC} lot L1 · expires 2027-06-30`, `${NDC} lot L2 · expires 2028-01-31`],
  );
  assert.deepEqual(parseCountLotValue(options[0]?.value ?? ''), { ndc: NDC, lot: 'L1' });
});

test('a lot number with the separator of other selects still round-trips', () => {
  assert.deepEqual(parseCountLotValue(countLotValue({ ndc: NDC, lot: 'A|B' })), {
    ndc: NDC,
    lot: 'A|B',
  });
  assert.deepEqual(parseCountLotValue(''), { ndc: '', lot: '' });
  assert.deepEqual(parseCountLotValue('["only-one"]'), { ndc: '', lot: '' });
});

test('the count body carries the kind, location, lot, number counted and a note only when typed', () => {
  assert.deepEqual(countBody(input), {
    type: 'count',
    kind: 'end-of-shift',
    ndc: NDC,
    lot: 'L1',
    locationId: 'loc-a',
    countedContainers: 2,
  });
  const noted = countBody({ ...input, kind: 'end-of-day', note: 'One behind the tray.' });
  assert.equal(noted.type === 'count' ? noted.note : null, 'One behind the tray.');
  assert.equal(noted.type === 'count' ? noted.kind : null, 'end-of-day');
  assert.ok(!('note' in countBody({ ...input, note: '   ' })), 'a blank note is no note');
});

test('nothing chosen or a mistyped number is sent as it is, for the server to name the field', () => {
  const body: Readonly<Record<string, unknown>> = countBody({
    ...input,
    kind: '',
    lot: '',
    locationId: '',
    counted: '2.',
  });
  assert.ok(!('kind' in body), 'no kind is guessed');
  assert.equal(body.ndc, '');
  assert.equal(body.locationId, '');
  assert.ok(Number.isNaN(body.countedContainers));
  assert.ok(!('kind' in countBody({ ...input, kind: 'weekly' })), 'nor an unknown one passed on');
});

test('the counter learns whether the count matched, never the expected number', () => {
  assert.equal(countRecordedMessage(false, false), 'Count recorded. It matches the books.');
  const short = countRecordedMessage(true, false);
  assert.match(short, /does not match the books: an incident is open for the administrator/);
  assert.doesNotMatch(short, /\d/, 'no number in it');
  assert.equal(
    countRecordedMessage(true, true),
    'Count recorded. Discrepancy found: resolve it below.',
  );
});

test("an incident names the count's kind, and a count from before kinds is just a count", () => {
  assert.equal(countKindText('end-of-shift'), 'end-of-shift count');
  assert.equal(countKindText('end-of-day'), 'end-of-day count');
  assert.equal(countKindText(null), 'count');
});

test('a lot not in the list is counted with the NDC and lot as typed, never from the list', () => {
  const body = countBody({
    ...input,
    lot: OTHER_LOT,
    otherNdc: ' 11111-2222-33',
    otherLot: 'FOUND-1',
    counted: '1',
  }) as Record<string, unknown>;
  assert.equal(body.ndc, ' 11111-2222-33', 'sent as typed: the server names a bad NDC');
  assert.equal(body.lot, 'FOUND-1');
  assert.equal(body.countedContainers, 1);
  // Typed values are ignored unless "not in the list" is chosen.
  const listed = countBody({ ...input, otherNdc: 'x', otherLot: 'y' }) as Record<string, unknown>;
  assert.deepEqual([listed.ndc, listed.lot], [NDC, 'L1']);
  // Nothing typed: empty strings go to the server, which names body.ndc and body.lot.
  const empty = countBody({ ...input, lot: OTHER_LOT }) as Record<string, unknown>;
  assert.deepEqual([empty.ndc, empty.lot], ['', '']);
});
