/**
 * `npm run dev`: the API (`ketaflow serve` on port 3000, embedded PostgreSQL unless DATABASE_URL) and the
 * Vite dev server (which proxies /api to it) side by side; Ctrl-C stops both.
 */
import { spawn } from 'node:child_process';

const children = [
  spawn('npx', ['ketaflow', 'serve'], { stdio: 'inherit', env: { ...process.env, TZ: 'UTC' } }),
  spawn('npm', ['run', 'dev', '-w', '@ketaflow/web'], { stdio: 'inherit' }),
];
const stop = (): void => {
  for (const child of children) child.kill('SIGINT');
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
for (const child of children) {
  child.once('exit', stop);
}
