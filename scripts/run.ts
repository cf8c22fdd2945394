/** Small process helpers for the repository scripts (check, test). */
import { spawn } from 'node:child_process';

export interface Step {
  name: string;
  cmd: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
}

/** Runs a command with inherited stdio; resolves to its exit code. */
export function run(step: Step): Promise<number> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(step.cmd, step.args, {
      stdio: 'inherit',
      env: { ...process.env, ...step.env },
    });
    child.on('close', (code, signal) => {
      const secs = ((performance.now() - started) / 1000).toFixed(1);
      const ok = code === 0;
      process.stdout.write(
        `\n[${step.name}] ${ok ? 'ok' : `FAILED (${signal ?? String(code)})`} in ${secs} s\n`,
      );
      resolve(code ?? 1);
    });
  });
}

/** Runs steps two at a time (the machines have two cores); returns the names that failed. */
export async function runParallel(steps: Step[], width = 2): Promise<string[]> {
  const failed: string[] = [];
  const queue = [...steps];
  const worker = async (): Promise<void> => {
    for (let step = queue.shift(); step; step = queue.shift()) {
      if ((await run(step)) !== 0) failed.push(step.name);
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  return failed;
}
