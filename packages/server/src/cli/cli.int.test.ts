/**
 * The `ketaflow` command as an operator runs it (a child process against a test database):
 * clinic and user creation with a one-time password, the clinic's registrant fields (address, DEA
 * number), the demo clinic, audit verification before and after tampering, and one-line usage errors
 * with a non-zero exit.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../db/test-database.ts';

const bin = fileURLToPath(new URL('../../bin/ketaflow.js', import.meta.url));
let database: TestDatabase;

before(async () => {
  database = await createTestDatabase();
});
after(async () => {
  await database.drop();
});

function ketaflow(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [bin, ...args], {
    env: { ...process.env, DATABASE_URL: database.url },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function superuser<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: database.adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

test('clinic create, then user create prints a one-time password that must be changed', async () => {
  const clinic = ketaflow('clinic', 'create', '--name', 'Harbor Test Clinic');
  assert.equal(clinic.status, 0, clinic.stderr);
  const clinicId = /created clinic ([0-9a-f-]{36})/.exec(clinic.stdout)?.[1];
  assert.ok(clinicId !== undefined, clinic.stdout);

  const user = ketaflow(
    'user',
    'create',
    '--email',
    'Nurse.One@Example.org',
    '--role',
    'nurse',
    '--clinic',
    clinicId,
  );
  assert.equal(user.status, 0, user.stderr);
  const password = /one-time password.*: (\S+)/.exec(user.stdout)?.[1];
  assert.ok(password !== undefined && password.length >= 12, user.stdout);
  const row = await superuser(async (client) => {
    const result = await client.query<{ must: boolean; hash: string; role: string }>(
      `SELECT u.password_must_change AS must, u.password_hash AS hash, m.role
       FROM users u JOIN memberships m ON m.user_id = u.id WHERE u.email = 'nurse.one@example.org'`,
    );
    return result.rows[0];
  });
  assert.ok(row !== undefined, 'the user row exists');
  assert.equal(row.must, true);
  assert.equal(row.role, 'nurse');
  assert.match(row.hash, /^\$argon2id\$/);
  assert.ok(!row.hash.includes(password), 'the password is not stored in clear');
});

test('clinic update sets the registrant address and DEA number; a bad one names the option', async () => {
  const created = ketaflow('clinic', 'create', '--name', 'Registrant CLI Clinic');
  assert.equal(created.status, 0, created.stderr);
  const clinicId = /created clinic ([0-9a-f-]{36})/.exec(created.stdout)?.[1];
  assert.ok(clinicId !== undefined, created.stdout);
  const address = [
    '--address-line1',
    '100 Example Way',
    '--address-city',
    'Irvine',
    '--address-state',
    'CA',
    '--address-postal-code',
    '92618',
  ];
  // Fictional number whose check digit holds (1+3+5 + 2×(2+4+6) = 33).
  const updated = ketaflow(
    'clinic',
    'update',
    '--clinic',
    clinicId,
    ...address,
    '--dea-number',
    'AB1234563',
  );
  assert.equal(updated.status, 0, updated.stderr);
  assert.match(updated.stdout, /updated clinic .*address on file; DEA AB1234563/);
  const listed = ketaflow('clinic', 'list');
  assert.equal(listed.status, 0, listed.stderr);
  assert.ok(
    listed.stdout.includes(
      `clinic ${clinicId} "Registrant CLI Clinic" (America/Los_Angeles; address on file; DEA AB1234563)`,
    ),
    listed.stdout,
  );

  const badDea = ketaflow('clinic', 'update', '--clinic', clinicId, '--dea-number', 'AB1234564');
  assert.equal(badDea.status, 64);
  assert.match(badDea.stderr.trim(), /^ketaflow: --dea-number: .*check digit/);
  const noCity = ketaflow('clinic', 'update', '--clinic', clinicId, '--address-line1', '1 Main St');
  assert.equal(noCity.status, 64);
  assert.match(noCity.stderr, /^ketaflow: --address-city: /);

  const row = await superuser(async (client) => {
    const result = await client.query<{ address: unknown; dea: string | null }>(
      'SELECT address, dea_number AS dea FROM clinics WHERE id = $1',
      [clinicId],
    );
    return result.rows[0];
  });
  assert.deepEqual(row, {
    address: { line1: '100 Example Way', city: 'Irvine', state: 'CA', postalCode: '92618' },
    dea: 'AB1234563',
  });
});

test('usage errors are one line naming the option, with a non-zero exit', () => {
  const missing = ketaflow('user', 'create', '--email', 'a@example.org', '--role', 'nurse');
  assert.equal(missing.status, 64);
  assert.match(missing.stderr.trim(), /^ketaflow: --clinic is required/);
  assert.equal(missing.stderr.trim().split('\n').length, 1);
  const badRole = ketaflow(
    'user',
    'create',
    '--email',
    'a@example.org',
    '--role',
    'wizard',
    '--clinic',
    'x',
  );
  assert.equal(badRole.status, 64);
  assert.match(badRole.stderr, /--role must be one of/);
  const unknownClinic = ketaflow(
    'user',
    'create',
    '--email',
    'a@example.org',
    '--role',
    'nurse',
    '--clinic',
    '00000000-0000-4000-8000-000000000000',
  );
  assert.equal(unknownClinic.status, 64);
  assert.match(unknownClinic.stderr, /no clinic with id/);
  assert.equal(ketaflow('no-such-command').status, 64);
});

test('demo loads a fictional clinic once; loading again changes nothing', async () => {
  const first = ketaflow('demo', '--patients', '3');
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stdout, /loaded/);
  const again = ketaflow('demo', '--patients', '3');
  assert.equal(again.status, 0, again.stderr);
  assert.match(again.stdout, /already present/);
  const counts = await superuser(async (client) => {
    const result = await client.query<{ patients: number; staff: number }>(
      `SELECT (SELECT count(*)::int FROM patients p JOIN clinics c ON c.id = p.clinic_id WHERE c.name LIKE '%Demo%') AS patients,
              (SELECT count(*)::int FROM users WHERE email LIKE '%@demo.example.org') AS staff`,
    );
    return result.rows[0];
  });
  assert.deepEqual(counts, { patients: 3, staff: 6 });
});

test('audit verify passes on an intact trail and names the first broken link after tampering', async () => {
  const good = ketaflow('audit', 'verify');
  assert.equal(good.status, 0, good.stderr);
  assert.match(good.stdout, /audit trail intact: \d+ events, head [0-9a-f]{64}/);
  await superuser(async (client) => {
    await client.query('SET session_replication_role = replica');
    await client.query("UPDATE audit_events SET action = 'patient.export' WHERE seq = 2");
  });
  const bad = ketaflow('audit', 'verify', '--json');
  assert.equal(bad.status, 2);
  assert.deepEqual(
    (({ seq, problem }: { seq: number; problem: string }) => ({ seq, problem }))(
      JSON.parse(bad.stdout) as { seq: number; problem: string },
    ),
    { seq: 2, problem: 'content-hash-mismatch' },
  );
});

test('ledger verify passes on an empty or intact ledger', () => {
  const result = ketaflow('ledger', 'verify');
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /ledger intact: \d+ entries/);
});
