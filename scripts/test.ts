/**
 * `npm test`: the whole gate, in order — check, unit tests, database tests (on an embedded
 * PostgreSQL started for the run, and again on the server named by DATABASE_URL when set), and
 * browser tests. `npm test -- unit|db|e2e|check` runs one phase. Ends with one closing line
 * "tests: N passed, N failed" summed over every phase.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, chmodSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { tmpdir } from 'node:os';
import { run } from './run.ts';
import { startEmbeddedPostgres } from '../packages/server/src/db/embedded.ts';

const root = new URL('..', import.meta.url).pathname;
const phases = process.argv.slice(2);
const wants = (p: string): boolean => phases.length === 0 || phases.includes(p);
const totals = { passed: 0, failed: 0 };
const failures: string[] = [];

function findFiles(dir: string, accept: (name: string) => boolean, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) findFiles(path, accept, out);
    else if (accept(entry.name)) out.push(relative(root, path));
  }
  return out.sort();
}

/** Runs node's test runner over files; adds its pass/fail counts (read from a TAP copy) to the totals. */
async function nodeTests(
  name: string,
  files: string[],
  env: NodeJS.ProcessEnv = {},
  concurrency = 2,
): Promise<void> {
  if (files.length === 0) {
    process.stdout.write(`[${name}] no test files\n`);
    return;
  }
  const tapDir = mkdtempSync(join(tmpdir(), 'ketaflow-tap-'));
  const tap = join(tapDir, 'out.tap');
  const code = await run({
    name,
    cmd: process.execPath,
    args: [
      '--import',
      'tsx',
      '--test',
      `--test-concurrency=${concurrency}`,
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tap}`,
      ...files,
    ],
    env: { TZ: 'UTC', ...env },
  });
  const text = readFileSync(tap, 'utf8');
  const count = (label: string): number =>
    Number(new RegExp(`^# ${label} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
  totals.passed += count('pass');
  totals.failed += count('fail');
  rmSync(tapDir, { recursive: true, force: true });
  if (code !== 0) failures.push(name);
}

if (wants('check')) {
  const code = await run({
    name: 'check',
    cmd: process.execPath,
    args: ['--import', 'tsx', 'scripts/check.ts'],
  });
  if (code !== 0) failures.push('check');
}

if (wants('unit')) {
  const files = findFiles(
    join(root, 'packages'),
    (n) => /\.test\.tsx?$/.test(n) && !n.endsWith('.int.test.ts'),
  );
  await nodeTests('unit tests', files);
}

const dbFiles = findFiles(join(root, 'packages'), (n) => n.endsWith('.int.test.ts'));
const e2eFiles = existsDir(join(root, 'e2e'))
  ? findFiles(join(root, 'e2e'), (n) => n.endsWith('.test.ts'))
  : [];

if (wants('db') || wants('e2e')) {
  const dataParent = mkdtempSync(join(tmpdir(), 'ketaflow-test-pg-'));
  // As root the postgres user must traverse every parent of the data folder (stack.md trap).
  chmodSync(dataParent, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: join(dataParent, 'data'), port: 0 });
  try {
    const env = { KETAFLOW_TEST_ADMIN_URL: pg.adminUrl };
    if (wants('db')) await nodeTests('database tests (embedded PostgreSQL)', dbFiles, env);
    if (wants('db') && process.env.DATABASE_URL) {
      await nodeTests('database tests (DATABASE_URL server)', dbFiles, {
        KETAFLOW_TEST_ADMIN_URL: process.env.DATABASE_URL,
      });
    }
    if (wants('e2e')) await nodeTests('browser tests', e2eFiles, env, 1);
  } finally {
    await pg.stop();
    rmSync(dataParent, { recursive: true, force: true });
  }
}

function existsDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

process.stdout.write(`\n${failures.length > 0 ? `failed phases: ${failures.join(', ')}\n` : ''}`);
process.stdout.write(`tests: ${totals.passed} passed, ${totals.failed} failed\n`);
process.exit(failures.length > 0 ? 1 : 0);
