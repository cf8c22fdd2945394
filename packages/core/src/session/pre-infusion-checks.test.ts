import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluatePreInfusionChecks } from './pre-infusion-checks.ts';
import type { IsoDate } from './iso-date.ts';
import { context, passingFacts } from './session-fixtures.test-support.ts';

const req = context.preInfusion;
const statusOf = (check: string, facts = passingFacts, r = req): string | undefined =>
  evaluatePreInfusionChecks(facts, r).trace.find((c) => c.check === check)?.status;

test('all checks met passes, trace lists every check in a fixed order', () => {
  const e = evaluatePreInfusionChecks(passingFacts, req);
  assert.equal(e.passed, true);
  assert.deepEqual(
    e.trace.map((c) => c.check),
    [
      'consent-current',
      'fasting',
      'escort',
      'pregnancy-test',
      'baseline.systolicBpMmHg',
      'baseline.heartRateBpm',
      'baseline.respiratoryRatePerMin',
    ],
  );
});

test('consent: none on file or expired yesterday is unmet; valid through today is met', () => {
  assert.equal(
    statusOf('consent-current', { ...passingFacts, consentValidThrough: null }),
    'unmet',
  );
  assert.equal(
    statusOf('consent-current', { ...passingFacts, consentValidThrough: '2026-11-24' as IsoDate }),
    'unmet',
  );
  assert.equal(
    statusOf('consent-current', { ...passingFacts, consentValidThrough: '2026-11-25' as IsoDate }),
    'met',
  );
});

test('fasting and escort: unrecorded is unknown (never yes), false is unmet, not required is met', () => {
  assert.equal(statusOf('fasting', { ...passingFacts, fastingConfirmed: null }), 'unknown');
  assert.equal(statusOf('fasting', { ...passingFacts, fastingConfirmed: false }), 'unmet');
  assert.equal(statusOf('escort', { ...passingFacts, escortConfirmed: false }), 'unmet');
  assert.equal(
    statusOf(
      'escort',
      { ...passingFacts, escortConfirmed: null },
      { ...req, escortRequired: false },
    ),
    'met',
  );
  assert.equal(
    evaluatePreInfusionChecks({ ...passingFacts, fastingConfirmed: null }, req).passed,
    false,
  );
});

test('pregnancy test: positive unmet, not done unknown, not required met', () => {
  assert.equal(statusOf('pregnancy-test', { ...passingFacts, pregnancyTest: 'positive' }), 'unmet');
  assert.equal(
    statusOf('pregnancy-test', { ...passingFacts, pregnancyTest: 'not-done' }),
    'unknown',
  );
  assert.equal(
    statusOf(
      'pregnancy-test',
      { ...passingFacts, pregnancyTest: 'not-done' },
      { ...req, pregnancyTestRequired: false },
    ),
    'met',
  );
});

test('baseline limits are inclusive (SBP 180 met, 181 unmet; Mo 2020 excludes SBP > 180) and missing is unknown', () => {
  const v = passingFacts.baselineVitals;
  assert.equal(
    statusOf('baseline.systolicBpMmHg', {
      ...passingFacts,
      baselineVitals: { ...v, systolicBpMmHg: 180 },
    }),
    'met',
  );
  assert.equal(
    statusOf('baseline.systolicBpMmHg', {
      ...passingFacts,
      baselineVitals: { ...v, systolicBpMmHg: 181 },
    }),
    'unmet',
  );
  assert.equal(
    statusOf('baseline.systolicBpMmHg', {
      ...passingFacts,
      baselineVitals: { ...v, systolicBpMmHg: 89 },
    }),
    'unmet',
  );
  assert.equal(
    statusOf('baseline.heartRateBpm', {
      ...passingFacts,
      baselineVitals: { systolicBpMmHg: 120, respiratoryRatePerMin: 12 },
    }),
    'unknown',
  );
});

test('a limit with neither min nor max is unknown (a broken protocol never passes silently)', () => {
  const r = { ...req, baselineLimits: [{ field: 'spo2Percent' as const }] };
  assert.equal(
    statusOf('baseline.spo2Percent', { ...passingFacts, baselineVitals: { spo2Percent: 98 } }, r),
    'unknown',
  );
});
