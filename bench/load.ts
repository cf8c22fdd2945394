/**
 * Load shapes for a benchmark series, with what they measure: closed loop (N clients, each sending
 * its next operation when the last is answered: a path's capacity at that concurrency) and open loop
 * (operations sent on a fixed schedule whether or not earlier ones were answered: whether a path
 * keeps up with an offered rate, and its latency there). Open-loop latency counts from the scheduled
 * send, so a path that falls behind is charged for the wait (no coordinated omission).
 * Per series also: this Node process's CPU time, its event loop's busy time and the host's
 * PostgreSQL processes' CPU time (postgres-cpu.ts), which a loaded machine disturbs less than rates.
 */
import { performance } from 'node:perf_hooks';
import { postgresCpuMs } from './postgres-cpu.ts';

export const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;

export const quantile = (xs: readonly number[], q: number): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
};

export interface Series {
  latenciesMs: number[];
  /** Wall time the blocks took: the rate's denominator. */
  totalMs: number;
  /** Operations answered without error. */
  count: number;
  errors: number;
  /** CPU time of this Node process (user + system) in the blocks. */
  cpuMs: number;
  /** Time this process's event loop was busy in the blocks (the rest it waited). */
  loopBusyMs: number;
  /** CPU time of this host's PostgreSQL processes in the blocks; NaN where it cannot be read. */
  postgresCpuMs: number;
}

export const series = (): Series => ({
  latenciesMs: [],
  totalMs: 0,
  count: 0,
  errors: 0,
  cpuMs: 0,
  loopBusyMs: 0,
  postgresCpuMs: 0,
});

/** Runs `load` as one block of `into`, adding its wall time and CPU costs. */
async function measured(into: Series, load: () => Promise<void>): Promise<void> {
  const postgresBefore = postgresCpuMs();
  const start = nowMs();
  const cpu = process.cpuUsage();
  const loop = performance.eventLoopUtilization();
  await load();
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

/** `clients` concurrent clients, each `perClient` operations in sequence; an error stops the run. */
export function closedLoopBlock(
  into: Series,
  clients: number,
  perClient: number,
  op: () => Promise<void>,
): Promise<void> {
  return measured(into, async () => {
    await Promise.all(
      Array.from({ length: clients }, async () => {
        for (let k = 0; k < perClient; k += 1) {
          const t0 = nowMs();
          await op();
          into.latenciesMs.push(nowMs() - t0);
          into.count += 1;
        }
      }),
    );
  });
}

/**
 * `perSecond` operations a second for `seconds`, each sent at its scheduled time; the block ends when
 * the last is answered. An operation that fails counts as an error and is not timed.
 */
export function openLoopBlock(
  into: Series,
  perSecond: number,
  seconds: number,
  op: () => Promise<void>,
): Promise<void> {
  return measured(into, async () => {
    const total = Math.round(perSecond * seconds);
    const start = nowMs();
    const inFlight: Promise<void>[] = [];
    for (let i = 0; i < total; i += 1) {
      const dueMs = start + (i * 1000) / perSecond;
      const waitMs = dueMs - nowMs();
      if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
      inFlight.push(
        op().then(
          () => {
            into.latenciesMs.push(nowMs() - dueMs);
            into.count += 1;
          },
          () => {
            into.errors += 1;
          },
        ),
      );
    }
    await Promise.all(inFlight);
  });
}

export const rate = (s: Series): number => (s.count / s.totalMs) * 1000;

export const seriesReport = (s: Series) => ({
  perSecond: rate(s),
  errors: s.errors,
  medianMs: quantile(s.latenciesMs, 0.5),
  p99Ms: quantile(s.latenciesMs, 0.99),
  nodeCpuMsPerWrite: s.cpuMs / s.count,
  eventLoopBusy: s.loopBusyMs / s.totalMs,
  postgresCpuMsPerWrite: Number.isNaN(s.postgresCpuMs) ? null : s.postgresCpuMs / s.count,
});
