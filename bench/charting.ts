/**
 * Charting benchmark (issue 4; performance plan API-1): vitals charting through the HTTP API (real
 * auth, zod, core validation and stop rules, idempotency by client id, append-only insert, the
 * hash-chained audit event, board publish) against raw single-row INSERTs of the same payload into
 * the same table of the same database, in the same process (charting-rig.ts).
 *
 * 1. Sustained charting (API-1, where the targets are read): both series offered the design-headroom
 *    load of ../shared/reference/performance.md §4.1 (D2: 10,000 chairs, one vitals panel a minute
 *    each, 167 panels/s) open loop (load.ts), in alternating blocks for OPEN_SECONDS each after an
 *    uncounted warm-up block of each. Targets: API rate >= 0.5 x raw rate; API p99 <= raw p99 + 20
 *    ms; no errors; board push latency p99 under that load reported.
 * 2. Capacity (no target; what a write costs): closed loop at CAPACITY_LEVELS clients, alternating
 *    blocks, 5 uncounted warm-up blocks of each then 20 counted; each level on a fresh database. The
 *    rate here is each path's throughput at that concurrency: at 8 clients the raw series is at its
 *    peak while the API's group commit still fills (bench/README.md, Charting).
 * Run: node --import tsx bench/charting.ts [clients]   (DATABASE_URL, or an embedded PostgreSQL it
 * starts; with a client count: that capacity level only)
 */
import { benchDatabase } from './bench-database.ts';
import { startChartingRig } from './charting-rig.ts';
import {
  closedLoopBlock,
  openLoopBlock,
  quantile,
  rate,
  series,
  seriesReport,
  type Series,
} from './load.ts';

/** performance.md §4.1, D2: 10,000 chairs × one vitals panel a minute. */
const D2_PANELS_PER_SECOND = 10_000 / 60;
const OPEN_BLOCKS = 4;
const OPEN_SECONDS = 15;
const OPEN_WARMUP_SECONDS = 10;

const CAPACITY_LEVELS = [8, 32] as const;
const WARMUP_BLOCKS = 5;
const BLOCKS = 20;
const PER_CLIENT = 25;

const TARGETS = { rateRatioAtLeast: 0.5, p99OverRawAtMostMs: 20, errors: 0 } as const;

function comparison(api: Series, raw: Series, boardMs: readonly number[]) {
  return {
    writesPerSeries: api.count,
    api: seriesReport(api),
    raw: seriesReport(raw),
    rateRatio: rate(api) / rate(raw),
    p99OverRawMs: quantile(api.latenciesMs, 0.99) - quantile(raw.latenciesMs, 0.99),
    board: {
      measured: boardMs.length,
      medianMs: quantile(boardMs, 0.5),
      p99Ms: quantile(boardMs, 0.99),
    },
  };
}

/** API-1: both series offered the D2 load; the targets are read here. */
async function sustained() {
  const rig = await startChartingRig();
  try {
    const result = { api: series(), raw: series() };
    await openLoopBlock(series(), D2_PANELS_PER_SECOND, OPEN_WARMUP_SECONDS, rig.api);
    await openLoopBlock(series(), D2_PANELS_PER_SECOND, OPEN_WARMUP_SECONDS, rig.raw);
    rig.forgetWrites();
    for (let b = 0; b < OPEN_BLOCKS; b += 1) {
      await openLoopBlock(result.api, D2_PANELS_PER_SECOND, OPEN_SECONDS, rig.api);
      await openLoopBlock(result.raw, D2_PANELS_PER_SECOND, OPEN_SECONDS, rig.raw);
    }
    const report = comparison(result.api, result.raw, await rig.boardLatencies());
    return {
      offeredPerSecond: D2_PANELS_PER_SECOND,
      seconds: OPEN_BLOCKS * OPEN_SECONDS,
      ...report,
      targets: TARGETS,
      met:
        report.rateRatio >= TARGETS.rateRatioAtLeast &&
        report.p99OverRawMs <= TARGETS.p99OverRawAtMostMs &&
        result.api.errors + result.raw.errors === TARGETS.errors,
    };
  } finally {
    await rig.close();
  }
}

/** Closed loop at `clients` clients on a fresh database: each path's throughput there. */
async function capacity(clients: number) {
  const rig = await startChartingRig();
  try {
    const result = { api: series(), raw: series() };
    for (let b = 0; b < WARMUP_BLOCKS; b += 1) {
      await closedLoopBlock(series(), clients, PER_CLIENT, rig.api);
      await closedLoopBlock(series(), clients, PER_CLIENT, rig.raw);
    }
    rig.forgetWrites();
    for (let b = 0; b < BLOCKS; b += 1) {
      await closedLoopBlock(result.api, clients, PER_CLIENT, rig.api);
      await closedLoopBlock(result.raw, clients, PER_CLIENT, rig.raw);
    }
    return { clients, ...comparison(result.api, result.raw, await rig.boardLatencies()) };
  } finally {
    await rig.close();
  }
}

function clientCount(arg: string): number {
  const n = Number(arg);
  if (!Number.isInteger(n) || n < 1 || n > 256) {
    throw new Error(`clients must be a whole number from 1 to 256, not ${arg}`);
  }
  return n;
}

async function main(): Promise<void> {
  const database = await benchDatabase();
  try {
    const arg = process.argv[2];
    const sustainedReport = arg === undefined ? await sustained() : undefined;
    const capacityReports = [];
    // One level at a time: each is a load of its own on the same two cores.
    for (const clients of arg === undefined ? CAPACITY_LEVELS : [clientCount(arg)]) {
      capacityReports.push(await capacity(clients));
    }
    console.log(JSON.stringify({ sustained: sustainedReport, capacity: capacityReports }, null, 2));
    console.log(`database: ${database.description}; node ${process.version}`);
  } finally {
    await database.close();
  }
}

await main();
