/**
 * `npm run check`: format check, lint, type check of every package and an import-cycle check.
 * Exits non-zero when any step fails.
 */
import { runParallel, type Step } from './run.ts';

const bin = (name: string): string => `node_modules/.bin/${name}`;

const steps: Step[] = [
  { name: 'format', cmd: bin('prettier'), args: ['--check', '--log-level', 'warn', '.'] },
  { name: 'typecheck core', cmd: bin('tsc'), args: ['-p', 'packages/core'] },
  { name: 'typecheck contract', cmd: bin('tsc'), args: ['-p', 'packages/contract'] },
  { name: 'typecheck server', cmd: bin('tsc'), args: ['-p', 'packages/server'] },
  { name: 'typecheck web', cmd: bin('tsc'), args: ['-p', 'packages/web'] },
  { name: 'typecheck scripts/e2e/bench', cmd: bin('tsc'), args: ['-p', '.'] },
  {
    name: 'import cycles',
    cmd: bin('madge'),
    args: [
      '--circular',
      '--no-spinner',
      '--extensions',
      'ts,tsx',
      '--ts-config',
      'tsconfig.base.json',
      'packages',
    ],
  },
  { name: 'lint', cmd: bin('eslint'), args: ['--max-warnings', '0', '.'] },
];

const only = process.argv.slice(2);
const selected =
  only.length > 0 ? steps.filter((s) => only.some((o) => s.name.startsWith(o))) : steps;
const failed = await runParallel(selected);
if (failed.length > 0) {
  process.stdout.write(`\ncheck failed: ${failed.join(', ')}\n`);
  process.exit(1);
}
process.stdout.write('\ncheck passed\n');
