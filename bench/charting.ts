/**
 * Charting benchmark (issue 4): sustained vitals charting through the HTTP API (Fastify inject,
 * signed in through the real auth path, zod, core validation and stop rules, idempotency by client id,
 * append-only insert and the hash-chained audit event, board publish) against raw single-row INSERTs
 * of the same payload into the same table (chart_entries) of the same database, in the same process.
 * Both run with CLIENTS concurrent clients in alternating blocks (ABAB ...).
 * While the API blocks run, a chair-board SSE stream is open over a real socket; the board latency of
 * a write is the time from its request to the first board push that arrives after its acknowledgement.
 * Sustained means steady state: WARMUP_BLOCKS blocks of each run first and are not counted (the first
 * thousand or so API writes run mostly unoptimised code; counting them understated the API's rate).
 * Targets (issue 4): API rate >= 0.5 x raw rate; API p99 <= raw p99 + 20 ms; board p99 reported.
 * Also reported per series: this Node process's CPU time per write (user + system, board pushes
 * included), which a loaded machine disturbs far less than wall-clock rates; how busy its event loop
 * was (below 1: the writes wait on something other than this process's main thread); and the host's
 * PostgreSQL processes' CPU time per write, when the server runs on this host.
 * Run: node --import tsx bench/charting.ts [clients]   (DATABASE_URL, or an embedded PostgreSQL it
 * starts; clients: how many concurrent clients each series runs, 8 unless given — the targets are read
 * at 8; other counts show how each series scales with concurrency)
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { signInTeam } from '../packages/server/src/intake/fixtures.test-support.ts';
import {
  NORMAL_VITALS,
  runningSession,
  scheduledSession,
} from '../packages/server/src/sessions/fixtures.test-support.ts';
import { startTestApp } from '../packages/server/src/testing/harness.ts';
import { benchDatabase } from './bench-database.ts';
import { postgresCpuMs } from './postgres-cpu.ts';

const WARMUP_BLOCKS = 5;
const BLOCKS = 20;
const PER_CLIENT = 25;
const CLIENTS = clientCount(process.argv[2]);

function clientCount(arg: string | undefined): number {
  if (arg === undefined) return 8;
  const n = Number(arg);
  if (!Number.isInteger(n) || n < 1 || n > 256) {
    throw new Error(`clients must be a whole number from 1 to 256, not ${arg}`);
  }
  return n;
}

const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;
const quantile = (xs: readonly number[], q: number): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
};

interface Series {
  latenciesMs: number[];
  totalMs: number;
  count: number;
  /** CPU time of this Node process (user + system) spent in the blocks: load-independent cost. */
  cpuMs: number;
  /** Time this process's event loop was busy in the blocks (the rest it waited). */
  loopBusyMs: number;
  /** CPU time of this host's PostgreSQL processes in the blocks; NaN where it cannot be read. */
  postgresCpuMs: number;
}
const series = (): Series => ({
  latenciesMs: [],
  totalMs: 0,
  count: 0,
  cpuMs: 0,
  loopBusyMs: 0,
  postgresCpuMs: 0,
});

/** CLIENTS concurrent clients, each PER_CLIENT sequential operations; wall time counts toward the rate. */
async function block(into: Series, op: () => Promise<void>): Promise<void> {
  const postgresBefore = postgresCpuMs();
  const start = nowMs();
  const cpu = process.cpuUsage();
  const loop = performance.eventLoopUtilization();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      for (let k = 0; k < PER_CLIENT; k += 1) {
        const t0 = nowMs();
        await op();
        into.latenciesMs.push(nowMs() - t0);
        into.count += 1;
      }
    }),
  );
  into.totalMs += nowMs() - start;
  const used = process.cpuUsage(cpu);
  into.cpuMs += (used.user + used.system) / 1000;
  into.loopBusyMs += performance.eventLoopUtilization(loop).active;
  const postgresAfter = postgresCpuMs();
  into.postgresCpuMs +=
    postgresBefore === undefined || postgresAfter === undefined
      ? Number.NaN
      : postgresAfter - postgresBefore;
}

async function main(): Promise<void> {
  const database = await benchDatabase();
  const t = await startTestApp();
  const controller = new AbortController();
  try {
    const team = await signInTeam(t.app);
    const fx = await scheduledSession(t.app, team);
    await runningSession(t.app, team, fx);
    const pool = t.database.pool;
    const headers = { ...team.nurse.headers(), 'content-type': 'application/json' };

    // Board stream over a real socket: record the arrival time of every push.
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.app.server.address() as AddressInfo).port;
    const pushes: number[] = [];
    const stream = await fetch(`http://127.0.0.1:${String(port)}/api/v1/board/stream`, {
      headers: { cookie: team.nurse.cookie, accept: 'text/event-stream' },
      signal: controller.signal,
    });
    if (stream.body === null) throw new Error('no board stream');
    const reader = stream.body.pipeThrough(new TextDecoderStream()).getReader();
    void (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: '', done: true }));
        if (done) return;
        if (value.includes('event: board')) pushes.push(nowMs());
      }
    })();

    const writes: { startedMs: number; ackedMs: number }[] = [];
    const api = async (): Promise<void> => {
      const startedMs = nowMs();
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/v1/sessions/${fx.sessionId}/chart`,
        headers,
        payload: JSON.stringify({
          id: randomUUID(),
          kind: 'vitals',
          occurredAt: new Date(Date.now() - 10).toISOString(),
          vitals: NORMAL_VITALS,
        }),
      });
      if (response.statusCode !== 201) throw new Error(`chart write: ${response.body}`);
      writes.push({ startedMs, ackedMs: nowMs() });
    };
    const raw = async (): Promise<void> => {
      await pool.query(
        `INSERT INTO chart_entries (id, clinic_id, session_id, kind, occurred_at, payload, request_hash, recorded_by, recorded_at)
         VALUES ($1, $2, $3, 'vitals', $4, $5, 'raw', $6, now())`,
        [
          randomUUID(),
          team.clinicId,
          fx.sessionId,
          new Date(Date.now() - 10),
          JSON.stringify({ vitals: NORMAL_VITALS }),
          team.nurse.userId,
        ],
      );
    };

    const result = { api: series(), raw: series() };
    for (let b = 0; b < WARMUP_BLOCKS; b += 1) {
      await block(series(), api);
      await block(series(), raw);
    }
    writes.length = 0;
    for (let b = 0; b < BLOCKS; b += 1) {
      await block(result.api, api);
      await block(result.raw, raw);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    const boardMs = writes
      .map((w) => {
        const push = pushes.find((p) => p >= w.ackedMs);
        return push === undefined ? Number.NaN : push - w.startedMs;
      })
      .filter((x) => Number.isFinite(x));

    const rate = (s: Series): number => (s.count / s.totalMs) * 1000;
    const costs = (s: Series) => ({
      nodeCpuMsPerWrite: s.cpuMs / s.count,
      eventLoopBusy: s.loopBusyMs / s.totalMs,
      postgresCpuMsPerWrite: Number.isNaN(s.postgresCpuMs) ? null : s.postgresCpuMs / s.count,
    });
    const report = {
      clients: CLIENTS,
      writesPerSeries: result.api.count,
      api: {
        perSecond: rate(result.api),
        medianMs: quantile(result.api.latenciesMs, 0.5),
        p99Ms: quantile(result.api.latenciesMs, 0.99),
        ...costs(result.api),
      },
      raw: {
        perSecond: rate(result.raw),
        medianMs: quantile(result.raw.latenciesMs, 0.5),
        p99Ms: quantile(result.raw.latenciesMs, 0.99),
        ...costs(result.raw),
      },
      rateRatio: rate(result.api) / rate(result.raw),
      p99OverRawMs: quantile(result.api.latenciesMs, 0.99) - quantile(result.raw.latenciesMs, 0.99),
      board: {
        measured: boardMs.length,
        medianMs: quantile(boardMs, 0.5),
        p99Ms: quantile(boardMs, 0.99),
      },
      targets: { rateRatioAtLeast: 0.5, p99OverRawAtMostMs: 20, boardWithinMs: 2000 },
    };
    console.log(JSON.stringify(report, null, 2));
    console.log(`database: ${database.description}; node ${process.version}`);
  } finally {
    controller.abort();
    await t.close();
    await database.close();
  }
}

await main();
