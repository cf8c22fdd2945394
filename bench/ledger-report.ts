/**
 * Ledger reports end to end (safety-security.md T-47: a Schedule III report for any date range over
 * 2 years of seeded data, ≥ 50,000 entries, produced separately from other records as CSV and
 * printable page in < 60 s). Seeds two years of one clinic's ledger on a real PostgreSQL as the
 * server writes it (bench/ledger-seed.ts), asserts that `GET /ledger/verify` and the audit chain
 * verify it, then times through the HTTP API (Fastify inject, an administrator signed in through
 * the real auth path) the lot record, a patient's record and the inventory as of the close of the
 * last day, each as JSON (what the printable page renders) and as CSV. Row counts are asserted
 * before anything is timed. The first report after seeding also folds the whole ledger into the
 * server's book (cold); then medians of RUNS runs of each.
 * Run: node --import tsx bench/ledger-report.ts   (DATABASE_URL, or an embedded PostgreSQL it starts)
 */
import { cpus, loadavg } from 'node:os';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { Temporal } from 'temporal-polyfill';
import { verifyAuditChain } from '../packages/server/src/audit/verify.ts';
import { clinicDateOf } from '../packages/server/src/ledger/clinic-day.ts';
import { signIn, startTestApp, type SignedIn } from '../packages/server/src/testing/harness.ts';
import { benchDatabase } from './bench-database.ts';
import { PRODUCT, seedLedger, type SeededSession, type SeedUser } from './ledger-seed.ts';

const RUNS = 5;
const PATIENTS = 300;
const TARGET_MS = 60_000;

const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;
const median = (xs: readonly number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

interface Report {
  readonly columns: string[];
  readonly rows: (string | number | null)[][];
}

/** Fictional session rows for the draws (owner connection, foreign-key triggers off, as tests do). */
async function insertSessions(
  adminUrl: string,
  clinicId: string,
  userId: string,
  sessions: readonly SeededSession[],
): Promise<void> {
  const owner = new pg.Client({ connectionString: adminUrl });
  await owner.connect();
  try {
    await owner.query('SET session_replication_role = replica');
    await owner.query(
      `INSERT INTO infusion_sessions (id, clinic_id, patient_id, course_id, order_id, chair_id,
         scheduled_start_at, state, version, request_hash, created_by, created_at, updated_at)
       SELECT s.id, $1, s.patient_id, gen_random_uuid(), gen_random_uuid(), gen_random_uuid(),
              s.start_at, 'discharged', 1, 'bench', $2, s.start_at, s.start_at
         FROM unnest($3::uuid[], $4::uuid[], $5::timestamptz[]) AS s(id, patient_id, start_at)`,
      [
        clinicId,
        userId,
        sessions.map((s) => s.id),
        sessions.map((s) => s.patientId),
        sessions.map((s) => s.startAt.toISOString()),
      ],
    );
  } finally {
    await owner.end();
  }
}

async function main(): Promise<void> {
  const database = await benchDatabase();
  const t = await startTestApp();
  const started = nowMs();
  try {
    const admin = await signIn(t.app, { role: 'admin' });
    const clinicId = admin.clinicId;
    const nurses = [
      await signIn(t.app, { role: 'nurse', clinicId }),
      await signIn(t.app, { role: 'nurse', clinicId }),
    ] as const;
    const inject = (url: string, user: SignedIn = admin, payload?: unknown) =>
      t.app.inject({
        method: payload === undefined ? 'GET' : 'POST',
        url: `/api/v1${url}`,
        headers: user.headers(),
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      });
    const expect = (ok: boolean, message: string) => {
      if (!ok) throw new Error(message);
    };

    const locationId = randomUUID();
    const location = await inject('/ledger/locations', admin, { id: locationId, name: 'Safe A' });
    expect(location.statusCode === 201, `location: ${location.body}`);
    const patientIds: string[] = [];
    for (let i = 0; i < PATIENTS; i += 1) {
      const created = await inject('/patients', admin, {
        mrn: `LEDGER-${String(i).padStart(5, '0')}`,
        legalGivenName: 'Zebediah',
        legalFamilyName: `Quux${String.fromCharCode(97 + (i % 26), 97 + (Math.floor(i / 26) % 26))}`,
        dateOfBirth: '1971-04-01',
        sexAtBirth: 'unknown',
        address: { line1: '1 Imaginary Way', city: 'Irvine', state: 'CA', postalCode: '92618' },
      });
      expect(created.statusCode === 201, `patient: ${created.body}`);
      patientIds.push(created.json<{ id: string }>().id);
    }
    const { rows: zones } = await t.database.pool.query<{ zone: string }>(
      'SELECT time_zone AS zone FROM clinics WHERE id = $1',
      [clinicId],
    );
    const timeZone = zones[0]?.zone ?? 'UTC';
    const lastDay = Temporal.PlainDate.from(clinicDateOf(timeZone, t.app.clock.now()))
      .subtract({ days: 1 })
      .toString();
    const user = (u: SignedIn): SeedUser => ({ userId: u.userId, role: u.role, email: u.email });

    const seedStart = nowMs();
    const seeded = await seedLedger({
      db: t.database.db,
      clinicId,
      timeZone,
      lastDay,
      locationId,
      admin: user(admin),
      nurses: [user(nurses[0]), user(nurses[1])],
      patientIds,
    });
    await insertSessions(t.database.adminUrl, clinicId, admin.userId, seeded.sessions);
    const seedMs = nowMs() - seedStart;
    expect(seeded.entries >= 50_000, `only ${String(seeded.entries)} entries seeded`);

    const verifyStart = nowMs();
    const verified = await inject('/ledger/verify');
    const verifyMs = nowMs() - verifyStart;
    const verdict = verified.json<{ ok: boolean; entries: number }>();
    expect(
      verified.statusCode === 200 && verdict.ok && verdict.entries === seeded.entries,
      `ledger verify: ${verified.body}`,
    );
    const client = await t.database.pool.connect();
    try {
      const audit = await verifyAuditChain(client);
      expect(audit.ok, `audit chain: ${JSON.stringify(audit)}`);
    } finally {
      client.release();
    }

    const range = `from=${seeded.firstDay}&to=${seeded.lastDay}`;
    const patientId = patientIds[0] ?? '';
    const patientRows = seeded.perPatient.get(patientId) ?? 0;
    const cases = [
      {
        name: 'lot record (every entry)',
        url: `/ledger/reports/lot?ndc=${PRODUCT.ndc}&lot=${PRODUCT.lot}&${range}`,
        rows: seeded.entries,
      },
      {
        name: `patient record (${String(patientRows / 3)} sessions)`,
        url: `/ledger/reports/patients/${patientId}?${range}`,
        rows: patientRows,
      },
      {
        name: `inventory, close of ${seeded.lastDay}`,
        url: `/ledger/reports/inventory?date=${seeded.lastDay}&basis=close`,
        rows: 1,
      },
    ];

    const lines: string[] = [];
    let cold = Number.NaN;
    for (const c of cases) {
      for (const format of ['json', 'csv'] as const) {
        const url = `${c.url}&format=${format}`;
        const t0 = nowMs();
        const first = await inject(url);
        if (Number.isNaN(cold)) cold = nowMs() - t0;
        expect(first.statusCode === 200, `${c.name} ${format}: ${first.body.slice(0, 500)}`);
        const count =
          format === 'json'
            ? first.json<Report>().rows.length
            : first.body.split('\r\n').length - 2; // header line and the final line break
        expect(
          count === c.rows,
          `${c.name} ${format}: ${String(count)} rows, expected ${String(c.rows)}`,
        );
        if (c.rows === 1 && format === 'json') {
          const report = first.json<Report>();
          const sealed = report.rows[0]?.[report.columns.indexOf('Sealed containers')];
          expect(sealed === seeded.sealedAtEnd, `inventory: ${String(sealed)} sealed containers`);
        }
        const ms: number[] = [];
        for (let run = 0; run < RUNS; run += 1) {
          const r0 = nowMs();
          const response = await inject(url);
          ms.push(nowMs() - r0);
          expect(response.statusCode === 200, `${c.name} ${format} run ${String(run)}`);
        }
        const m = median(ms);
        lines.push(
          `| ${c.name} | ${format.toUpperCase()} | ${c.rows.toLocaleString('en-US')} | ${(first.rawPayload.length / 1e6).toFixed(1)} | ${m.toFixed(0)} | ${Math.max(...ms).toFixed(0)} | ${m < TARGET_MS ? 'met' : 'NOT met'} |`,
        );
      }
    }

    console.log(
      `Ledger reports end to end (Node ${process.version}, ${String(cpus().length)} CPUs, load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' / ')} at the end; database: ${database.description}; ` +
        `${String(Math.round((nowMs() - started) / 1000))} s)\n`,
    );
    console.log(
      `Seeded ${seeded.entries.toLocaleString('en-US')} entries (${String(seeded.sessions.length)} sessions of ${String(PATIENTS)} patients, ${seeded.firstDay} to ${seeded.lastDay}) in ${(seedMs / 1000).toFixed(1)} s; ` +
        `GET /ledger/verify: ok, ${seeded.entries.toLocaleString('en-US')} entries in ${(verifyMs / 1000).toFixed(1)} s; audit chain verifies.`,
    );
    console.log(
      `First report after seeding (folds the whole ledger into the book): ${cold.toFixed(0)} ms\n`,
    );
    console.log(
      `| report (2-year range) | format | rows | MB | median ms (${String(RUNS)} runs) | max ms | < 60 s |`,
    );
    console.log('|---|---|---:|---:|---:|---:|---|');
    for (const line of lines) console.log(line);
  } finally {
    await t.close();
    await database.close();
  }
}

await main();
