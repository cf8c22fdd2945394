/**
 * Crash test of charting (issue 4 Tests; safety-security.md T-1/T-3): `ketaflow serve` runs as a real
 * child process on its embedded PostgreSQL; 1,000 chart writes are sent to one running session all at
 * once, each client retrying with the same client-generated id until it gets an acknowledgement. Once
 * the first writes are stored the server's process group (Node and postmaster) is killed with SIGKILL,
 * then started again (PostgreSQL crash recovery). Afterwards every acknowledged write is stored, every
 * id exactly once, with exactly one alarm per alarming write and one audit event per write: a retry of
 * a write that committed before the crash is answered as a replay, never stored again.
 *
 * No timing assertions: the deadlines below only stop a hung run.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { connect } from '../db/client.ts';
import { buildApp } from '../http/app.ts';
import { signInTeam } from '../intake/fixtures.test-support.ts';
import { exitOf, prepareServerProcess, type ServerProcess } from '../testing/server-process.ts';
import { NORMAL_VITALS, runningSession, scheduledSession } from './fixtures.test-support.ts';

const WRITES = 1_000;
/** Every 10th write crosses crps-outpatient-schwartzman@1.0.0's stop rule sbp-high (> 180 mmHg). */
const ALARM_EVERY = 10;
const ALARMING_SYSTOLIC = 190;
/** The kill comes once this many writes are stored, so it lands early in the load. */
const KILL_AFTER_STORED = 50;
const RUN_DEADLINE_MS = 240_000;
const REQUEST_TIMEOUT_MS = 30_000;

let serverProcess: ServerProcess;
before(async () => {
  serverProcess = await prepareServerProcess('ketaflow-chart-crash');
});
after(() => {
  serverProcess.remove();
});

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * A running session and a signed-in nurse, built through the API of an application in this process
 * on the server's database (sign-in sessions live in the database, so the cookie works on the server).
 */
async function prepareSession(): Promise<{ sessionId: string; headers: Record<string, string> }> {
  const database = connect(serverProcess.databaseUrl(), { max: 4 });
  const app = await buildApp({ database });
  try {
    const team = await signInTeam(app);
    const fixture = await scheduledSession(app, team);
    await runningSession(app, team, fixture);
    return { sessionId: fixture.sessionId, headers: team.nurse.headers() };
  } finally {
    await app.close();
    await database.close();
  }
}

interface Write {
  readonly body: Record<string, unknown>;
  /** Attempts until the first acknowledgement (201 stored, or 200 replay of a stored write). */
  attempts: number;
  ackStatus: number | null;
}

/** Statuses other than acknowledgements and "try again" (5xx, no answer); the test fails on any. */
const unexpected: string[] = [];

/** Sends one write until it is acknowledged; a dropped connection or a 5xx means "not stored yet?". */
async function sendUntilAcknowledged(
  url: string,
  headers: Record<string, string>,
  write: Write,
  deadline: number,
): Promise<void> {
  const payload = JSON.stringify(write.body);
  while (Date.now() < deadline) {
    write.attempts += 1;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: payload,
        // A request the restarted server never answers is abandoned and retried, never awaited
        // until the run's deadline.
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const text = await response.text();
      if (response.status === 200 || response.status === 201) {
        write.ackStatus = response.status;
        return;
      }
      if (response.status < 500) {
        unexpected.push(`${String(response.status)} ${text}`);
        return;
      }
    } catch {
      // connection refused, reset or timed out: the server is down or stuck; retry the same request
    }
    // Exponential backoff with jitter (0.1 s doubling to 3.2 s): fewer wasted retries under load.
    const backoffMs = 100 * 2 ** Math.min(write.attempts - 1, 5);
    await sleep(backoffMs / 2 + Math.floor(Math.random() * (backoffMs / 2)));
  }
}

/**
 * Kills the server's process group (Node and postmaster) once KILL_AFTER_STORED vitals of the
 * session are committed. A worker thread polls the database on its own event loop: the test's loop
 * is busy with a thousand answers and would notice too late, after the server had answered them all.
 */
function killOnceStored(databaseUrl: string, sessionId: string, pid: number): Promise<void> {
  const worker = new Worker(
    `const { workerData, parentPort } = require('node:worker_threads');
     const pg = require(workerData.pgPath);
     (async () => {
       const client = new pg.Client({ connectionString: workerData.databaseUrl });
       await client.connect();
       for (;;) {
         const { rows } = await client.query(
           "SELECT count(*)::int AS n FROM chart_entries WHERE session_id = $1 AND kind = 'vitals'",
           [workerData.sessionId],
         );
         if (rows[0].n >= workerData.count) break;
         await new Promise((r) => setTimeout(r, 2));
       }
       // Its backend reports the postmaster's death on this connection: expected, not a failure.
       client.on('error', () => undefined);
       process.kill(-workerData.pid, 'SIGKILL');
       client.end().catch(() => undefined);
       parentPort.postMessage('killed');
     })().catch((error) => parentPort.postMessage(String(error)));`,
    {
      eval: true,
      workerData: {
        pgPath: createRequire(import.meta.url).resolve('pg'),
        databaseUrl,
        sessionId,
        pid,
        count: KILL_AFTER_STORED,
      },
    },
  );
  return new Promise((resolveKilled, reject) => {
    const noKill = setTimeout(() => {
      reject(new Error(`fewer than ${String(KILL_AFTER_STORED)} writes stored: no kill`));
    }, RUN_DEADLINE_MS);
    worker.once('error', (error) => {
      clearTimeout(noKill);
      reject(error);
    });
    worker.once('message', (message) => {
      clearTimeout(noKill);
      void worker.terminate();
      if (message === 'killed') resolveKilled();
      else reject(new Error(`the killer failed: ${String(message)}`));
    });
  });
}

async function storedEntries(sessionId: string) {
  const client = new pg.Client({ connectionString: serverProcess.databaseUrl() });
  await client.connect();
  try {
    const entries = await client.query<{ id: string; kind: string; source: string | null }>(
      "SELECT id, kind, payload->>'sourceEntryId' AS source FROM chart_entries WHERE session_id = $1",
      [sessionId],
    );
    const audits = await client.query<{ entry: string }>(
      `SELECT detail->>'entryId' AS entry FROM audit_events
        WHERE resource_id = $1 AND action = 'chart.vitals' AND outcome = 'success'`,
      [sessionId],
    );
    return { entries: entries.rows, auditedEntries: audits.rows.map((r) => r.entry) };
  } finally {
    await client.end();
  }
}

const countsOf = (ids: readonly string[]): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
};

test('kill -9 during 1,000 concurrent chart writes: 0 acknowledged writes lost, 0 duplicates', async () => {
  let server = serverProcess.start();
  try {
    await serverProcess.waitReady();
    const { sessionId, headers } = await prepareSession();
    const url = `http://127.0.0.1:${String(serverProcess.httpPort)}/api/v1/sessions/${sessionId}/chart`;
    const occurredAt = new Date(Date.now() - 1_000).toISOString();
    const writes: Write[] = Array.from({ length: WRITES }, (_, i) => ({
      body: {
        id: randomUUID(),
        kind: 'vitals',
        occurredAt,
        vitals: {
          ...NORMAL_VITALS,
          ...(i % ALARM_EVERY === 0 ? { systolicBpMmHg: ALARMING_SYSTOLIC } : {}),
        },
      },
      attempts: 0,
      ackStatus: null,
    }));
    const deadline = Date.now() + RUN_DEADLINE_MS;
    const gone = exitOf(server);
    if (server.pid === undefined) throw new Error('the server process has no pid');
    const killer = killOnceStored(serverProcess.databaseUrl(), sessionId, server.pid);
    const clients = Promise.all(
      writes.map((w) => sendUntilAcknowledged(url, headers, w, deadline)),
    );
    await killer;
    await gone;
    const ackedBeforeKill = writes.filter((w) => w.ackStatus !== null).map((w) => w.body.id);
    const inFlightAtKill = WRITES - ackedBeforeKill.length;
    assert.ok(inFlightAtKill > 0, 'the kill must land while writes are outstanding');

    // The outstanding clients keep retrying until the new server answers them (no readiness wait:
    // under their load /readyz itself may queue behind them).
    server = serverProcess.start();
    const restarted = server;
    await clients;

    assert.deepEqual(unexpected, [], 'no write is refused');
    const unacknowledged = writes.filter((w) => w.ackStatus === null).length;
    assert.equal(
      unacknowledged,
      0,
      `every write is acknowledged after the restart (restarted server: exit ${String(restarted.exitCode)}, signal ${String(restarted.signalCode)}; its stderr:\n${serverProcess.logTail()})`,
    );
    const replays = writes.filter((w) => w.ackStatus === 200).length;

    const { entries, auditedEntries } = await storedEntries(sessionId);
    const vitals = entries.filter((e) => e.kind === 'vitals').map((e) => e.id);
    const stored = new Set(vitals);
    assert.deepEqual(
      ackedBeforeKill.filter((id) => !stored.has(id as string)),
      [],
      'writes acknowledged before the kill are stored',
    );
    assert.equal(vitals.length, WRITES, 'one stored entry per write');
    assert.deepEqual(
      [...stored].sort(),
      writes.map((w) => w.body.id as string).sort(),
      'exactly the written ids are stored',
    );
    const alarmSources = countsOf(
      entries.filter((e) => e.kind === 'alarm').map((e) => e.source ?? 'none'),
    );
    assert.equal(alarmSources.size, WRITES / ALARM_EVERY, 'one alarming write per ten');
    assert.deepEqual(
      [...alarmSources.values()].filter((n) => n !== 1),
      [],
      'each alarming write raised exactly one alarm (no retry raised it again)',
    );
    assert.deepEqual(
      [...countsOf(auditedEntries).values()].filter((n) => n !== 1),
      [],
      'one audit event per stored write',
    );
    assert.equal(auditedEntries.length, WRITES, 'every stored write is audited');
    // Diagnostics for the log (not assertions): how hard the run was.
    const attempts = writes.reduce((sum, w) => sum + w.attempts, 0);
    process.stdout.write(
      `# crash: ${String(ackedBeforeKill.length)} acknowledged before the kill, ` +
        `${String(inFlightAtKill)} outstanding, ${String(replays)} answered as replays, ` +
        `${String(attempts)} attempts\n`,
    );
  } finally {
    // A clean stop, so no postmaster outlives the test.
    if (server.exitCode === null && server.signalCode === null) {
      const gone = exitOf(server);
      process.kill(server.pid ?? 0, 'SIGTERM');
      await gone;
    }
  }
});
