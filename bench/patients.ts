/**
 * Patient registry benchmark (issue 2): patient create and patient search through the HTTP API
 * (Fastify inject, signed in through the real auth path, zod validation, scoping, versions and the
 * hash-chained audit event) against the same work as raw SQL on the same database, in this process.
 * Create has two anchors: the same work (patient, version and audit rows, chain head read and hash,
 * one transaction of hand-written statements), which the target is measured against, and one
 * autocommit INSERT of the patient row, reported as the floor. Runs interleave the workloads in
 * blocks (ABCABC ...) after a warm-up; one client, sequential requests. Reports per-operation medians
 * and p99, the rates and the ratios; ratios are the gate.
 * Run: node --import tsx bench/patients.ts   (DATABASE_URL, or an embedded PostgreSQL it starts)
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { eventHash, type ChainedEvent } from '../packages/server/src/audit/chain.ts';
import { signIn, startTestApp } from '../packages/server/src/testing/harness.ts';
import { benchDatabase } from './bench-database.ts';

const BLOCKS = 10;
/** A letters-only name suffix per i (names admit no digits). */
const letters = (i: number): string =>
  [i % 26, Math.floor(i / 26) % 26].map((n) => String.fromCharCode(97 + n)).join('');
const PER_BLOCK = 50;
const SEEDED_PATIENTS = 20_000;

const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;
const quantile = (xs: readonly number[], q: number): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
};

interface Series {
  readonly latenciesMs: number[];
  totalMs: number;
  /** CPU time of this Node process (user + system): load-independent cost. */
  cpuMs: number;
}
const series = (): Series => ({ latenciesMs: [], totalMs: 0, cpuMs: 0 });

async function timed(into: Series, work: () => Promise<void>): Promise<void> {
  const start = nowMs();
  const cpu = process.cpuUsage();
  await work();
  const elapsed = nowMs() - start;
  const used = process.cpuUsage(cpu);
  into.cpuMs += (used.user + used.system) / 1000;
  into.latenciesMs.push(elapsed);
  into.totalMs += elapsed;
}

/** Runs the workloads in turn, a block of each (a warm-up block of each is discarded). */
async function interleave(...workloads: ((i: number) => Promise<void>)[]): Promise<Series[]> {
  const result = workloads.map(series);
  const warm = workloads.map(series);
  let i = 0;
  for (let block = -1; block < BLOCKS; block += 1) {
    const target = block < 0 ? warm : result;
    for (const [w, work] of workloads.entries()) {
      const into = target[w] ?? series();
      for (let k = 0; k < PER_BLOCK; k += 1) await timed(into, () => work((i += 1)));
    }
  }
  return result;
}

const fmt = (ms: number): string => ms.toFixed(2);
const rate = (s: Series): number => (s.latenciesMs.length / s.totalMs) * 1000;

const ratio = (a: Series, b: Series): string => (rate(a) / rate(b)).toFixed(2);
const p99Gap = (a: Series, b: Series): string =>
  fmt(quantile(a.latenciesMs, 0.99) - quantile(b.latenciesMs, 0.99));

function line(name: string, s: Series): string {
  return `| ${name} | ${String(s.latenciesMs.length)} | ${fmt(quantile(s.latenciesMs, 0.5))} | ${fmt(quantile(s.latenciesMs, 0.99))} | ${rate(s).toFixed(0)} | ${fmt(s.cpuMs / s.latenciesMs.length)} |`;
}

async function main(): Promise<void> {
  const database = await benchDatabase();
  const t = await startTestApp();
  try {
    const nurse = await signIn(t.app, { role: 'nurse' });
    const pool: pg.Pool = t.database.pool;
    const headers = { ...nurse.headers(), 'content-type': 'application/json' };
    const body = (i: number, prefix: string) =>
      JSON.stringify({
        mrn: `${prefix}-${String(i).padStart(7, '0')}`,
        legalGivenName: 'Zebediah',
        legalFamilyName: `Quux${letters(i)}`,
        dateOfBirth: '1971-04-01',
        sexAtBirth: 'unknown',
        phone: '+17145550123',
        address: { line1: '1 Imaginary Way', city: 'Irvine', state: 'CA', postalCode: '92618' },
      });

    const patientValues = (id: string, i: number, prefix: string): unknown[] => {
      const p = JSON.parse(body(i, prefix)) as Record<string, unknown>;
      return [
        id,
        nurse.clinicId,
        p.mrn,
        p.legalGivenName,
        p.legalFamilyName,
        p.dateOfBirth,
        p.sexAtBirth,
        p.phone,
        p.address,
        nurse.userId,
      ];
    };
    const insertPatient = `INSERT INTO patients (id, clinic_id, mrn, legal_given_name, legal_family_name,
        date_of_birth, sex_at_birth, phone, address, created_by, updated_by)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)`;

    // ---- create: API vs the same rows by hand-written SQL in one transaction, and vs one INSERT ----
    const [createApi, createSameWork, createFloor] = await interleave(
      async (i) => {
        const response = await t.app.inject({
          method: 'POST',
          url: '/api/v1/patients',
          headers,
          payload: body(i, 'API'),
        });
        if (response.statusCode !== 201)
          throw new Error(`create answered ${String(response.statusCode)}: ${response.body}`);
      },
      async (i) => {
        // What a registration writes: patient row, version-1 history row, one chained audit event
        // (chain head locked and read, hash computed, head advanced), committed together.
        const id = randomUUID();
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          await client.query(insertPatient, patientValues(id, i, 'TXN'));
          const fields = ['mrn', 'legalGivenName', 'legalFamilyName', 'dateOfBirth', 'sexAtBirth'];
          await client.query(
            `INSERT INTO patient_versions (patient_id, clinic_id, version, snapshot, changed_fields,
               reason, changed_by) VALUES ($1, $2, 1, $3, $4, 'Registered', $5)`,
            [id, nurse.clinicId, body(i, 'TXN'), fields, nurse.userId],
          );
          const head = await client.query<{ chain: number; seq: string; hash: string }>(
            'SELECT chain, seq, hash FROM audit_chain_heads ORDER BY chain LIMIT 1 FOR UPDATE SKIP LOCKED',
          );
          const chain = head.rows[0];
          if (chain === undefined) throw new Error('every audit chain is busy');
          const event: ChainedEvent = {
            seq: Number(chain.seq) + 1,
            occurredAt: new Date(),
            userId: nurse.userId,
            role: 'nurse',
            clinicId: nurse.clinicId,
            patientId: id,
            action: 'patient.create',
            resourceType: 'patient',
            resourceId: id,
            outcome: 'success',
            sourceIp: '127.0.0.1',
            requestId: 'bench',
            detail: { version: 1, fields },
          };
          const hash = eventHash(chain.hash, event);
          await client.query(
            `INSERT INTO audit_events (chain, seq, occurred_at, user_id, role, clinic_id, patient_id,
               action, resource_type, resource_id, outcome, source_ip, request_id, detail, prev_hash, hash)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
            [
              chain.chain,
              event.seq,
              event.occurredAt,
              event.userId,
              event.role,
              event.clinicId,
              event.patientId,
              event.action,
              event.resourceType,
              event.resourceId,
              event.outcome,
              event.sourceIp,
              event.requestId,
              event.detail,
              chain.hash,
              hash,
            ],
          );
          await client.query('UPDATE audit_chain_heads SET seq = $2, hash = $3 WHERE chain = $1', [
            chain.chain,
            event.seq,
            hash,
          ]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        } finally {
          client.release();
        }
      },
      async (i) => {
        await pool.query(insertPatient, patientValues(randomUUID(), i, 'SQL'));
      },
    );
    if (createApi === undefined || createSameWork === undefined || createFloor === undefined)
      throw new Error('three create series');

    // ---- search: seed a realistic clinic, then API vs the same SELECT ----
    await pool.query(
      `INSERT INTO patients (clinic_id, mrn, legal_given_name, legal_family_name, date_of_birth,
         sex_at_birth, created_by, updated_by)
       SELECT $1, 'SEED-' || g, (ARRAY['Ada','Bram','Cora','Dov','Esme','Finn','Gus','Hale'])[1 + g % 8],
         'Fam' || md5(g::text), DATE '1940-01-01' + (g % 20000), 'unknown', $2, $2
       FROM generate_series(1, $3::int) g`,
      [nurse.clinicId, nurse.userId, SEEDED_PATIENTS],
    );
    await pool.query('ANALYZE patients');
    const prefixes = ['fam0', 'fam1a', 'cor', 'quuxa', 'ada fam2', 'esme'];
    const [searchApi, searchRaw] = await interleave(
      async (i) => {
        const name = encodeURIComponent(prefixes[i % prefixes.length] ?? 'fam');
        const response = await t.app.inject({
          url: `/api/v1/patients?name=${name}&pageSize=25`,
          headers,
        });
        if (response.statusCode !== 200)
          throw new Error(`search answered ${String(response.statusCode)}`);
      },
      async (i) => {
        const words = (prefixes[i % prefixes.length] ?? 'fam').split(' ');
        const conditions = words.map(
          (_, w) => `(lower(legal_given_name) LIKE lower($${String(w + 2)}) || '%'
            OR lower(legal_family_name) LIKE lower($${String(w + 2)}) || '%'
            OR lower(preferred_name) LIKE lower($${String(w + 2)}) || '%')`,
        );
        await pool.query(
          `SELECT *, count(*) OVER () AS total FROM patients WHERE clinic_id = $1 AND ${conditions.join(' AND ')}
           ORDER BY lower(legal_family_name), lower(legal_given_name), id LIMIT 25`,
          [nurse.clinicId, ...words],
        );
      },
    );
    if (searchApi === undefined || searchRaw === undefined) throw new Error('two search series');

    const out = [
      `patients bench: ${String(BLOCKS)} interleaved blocks x ${String(PER_BLOCK)} ops per side, one client, ${String(SEEDED_PATIENTS)} seeded patients for search`,
      `database: ${database.description}; node ${process.version}`,
      '',
      '| workload | ops | median ms | p99 ms | ops/s | Node CPU ms/op |',
      '|---|---|---|---|---|---|',
      line('create via API (patient + version + audit, 1 tx)', createApi),
      line('create raw SQL, same work (same rows, chain head + hash, 1 tx)', createSameWork),
      line('create raw SQL floor (patient row only, 1 INSERT, autocommit)', createFloor),
      line('search via API (query + audit event, 1 tx)', searchApi),
      line('search raw SQL (same SELECT)', searchRaw),
      '',
      `create rate ratio API/same work: ${ratio(createApi, createSameWork)} (target >= 0.5)`,
      `create p99 gap API-same work: ${p99Gap(createApi, createSameWork)} ms (target <= 20)`,
      `create rate ratio API/floor: ${ratio(createApi, createFloor)} (reported)`,
      `create p99 gap API-floor: ${p99Gap(createApi, createFloor)} ms (reported)`,
      `search rate ratio API/raw: ${ratio(searchApi, searchRaw)}`,
      `search p99 gap API-raw: ${p99Gap(searchApi, searchRaw)} ms (target <= 20)`,
    ];
    process.stdout.write(`${out.join('\n')}\n`);
  } finally {
    await t.close();
    await database.close();
  }
}

await main();
