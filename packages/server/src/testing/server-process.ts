/**
 * A real `ketaflow serve` child process on its own embedded PostgreSQL, for the restart and crash
 * tests: free ports below the ephemeral range, a data folder of its own, the process in its own process group (so one signal
 * takes Node and its postmaster down together), stderr kept in a log beside the data folder, and
 * readiness polled on /readyz.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'node:net';
import { freePort } from '../db/embedded.ts';

const bin = fileURLToPath(new URL('../../bin/ketaflow.js', import.meta.url));

export interface ServerProcess {
  readonly dataDir: string;
  readonly httpPort: number;
  readonly dbPort: number;
  /** Spawns `ketaflow serve` (a new process each call, on the same data and ports). */
  start(): ChildProcess;
  /** Resolves once /readyz answers 200; fails with the end of the server's stderr otherwise. */
  waitReady(timeoutMs?: number): Promise<void>;
  /** The embedded cluster's superuser URL (its password is in the data folder). */
  databaseUrl(): string;
  /** The last `chars` characters of the server's stderr and of its PostgreSQL's log (every start appends). */
  logTail(chars?: number): string;
  /** Removes the data folder and the log. */
  remove(): void;
}

const isFree = (port: number): Promise<boolean> =>
  new Promise((resolveFree) => {
    const probe = createServer();
    probe.once('error', () => {
      resolveFree(false);
    });
    probe.listen(port, '127.0.0.1', () => {
      probe.close(() => {
        resolveFree(true);
      });
    });
  });

/** The first port of the kernel's ephemeral range (Linux default 32768). */
function ephemeralLow(): number {
  try {
    const low = Number(
      readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').split(/\s+/)[0],
    );
    return Number.isInteger(low) && low > 0 ? low : 32_768;
  } catch {
    return 32_768;
  }
}

const STABLE_FROM = 20_000;

/**
 * A free loopback port below the ephemeral range. A restarted server must get its ports back, and a
 * port of the ephemeral range can meanwhile become the local end of any outgoing connection on the
 * machine (other suites open hundreds), which would fail the restart with EADDRINUSE.
 */
async function stablePort(): Promise<number> {
  const low = ephemeralLow();
  if (low - STABLE_FROM < 1_000) return freePort();
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const port = STABLE_FROM + Math.floor(Math.random() * (low - STABLE_FROM));
    if (await isFree(port)) return port;
  }
  return freePort();
}

export async function prepareServerProcess(prefix: string): Promise<ServerProcess> {
  const parent = mkdtempSync(join(tmpdir(), `${prefix}-`));
  chmodSync(parent, 0o755); // the postgres user must traverse it when run as root (stack.md)
  const dataDir = join(parent, 'data');
  const logPath = join(parent, 'server.log');
  const httpPort = await stablePort();
  let dbPort = await stablePort();
  while (dbPort === httpPort) dbPort = await stablePort();
  const tail = (path: string, chars: number): string => {
    try {
      return readFileSync(path, 'utf8').slice(-chars);
    } catch {
      return '(none)';
    }
  };
  // The server's stderr and, for a start that fails in the database, the embedded PostgreSQL's log.
  const logTail = (chars = 2_000): string =>
    `${tail(logPath, chars)}\n--- embedded PostgreSQL log ---\n${tail(join(dataDir, 'postgres.log'), chars)}`;
  return {
    dataDir,
    httpPort,
    dbPort,
    start() {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        KETAFLOW_DATA_DIR: dataDir,
        PORT: String(httpPort),
        KETAFLOW_DB_PORT: String(dbPort),
        LOG_LEVEL: 'warn',
      };
      delete env.DATABASE_URL;
      const log = openSync(logPath, 'a');
      const child = spawn(process.execPath, [bin, 'serve'], {
        env,
        detached: true,
        stdio: ['ignore', 'ignore', log],
      });
      closeSync(log);
      return child;
    },
    async waitReady(timeoutMs = 90_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        try {
          const response = await fetch(`http://127.0.0.1:${String(httpPort)}/readyz`);
          if (response.status === 200) return;
        } catch {
          // not listening yet
        }
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error(
        `the server did not become ready within ${String(timeoutMs / 1000)} s; its stderr:\n${logTail()}`,
      );
    },
    logTail,
    databaseUrl() {
      const password = readFileSync(join(dataDir, 'pg-secret'), 'utf8').trim();
      return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${String(dbPort)}/ketaflow`;
    },
    remove() {
      rmSync(parent, { recursive: true, force: true });
    },
  };
}

/** Resolves when `child` has exited (at once if it already has). */
export function exitOf(child: ChildProcess): Promise<void> {
  return new Promise((resolveExit) => {
    if (child.exitCode !== null || child.signalCode !== null) resolveExit();
    else
      child.once('exit', () => {
        resolveExit();
      });
  });
}
