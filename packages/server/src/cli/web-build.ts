/** Builds the web app when its bundle is missing or older than its sources (used by `npm start`). */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WEB_PACKAGE = fileURLToPath(new URL('../../../web', import.meta.url));
export const WEB_ROOT = join(WEB_PACKAGE, 'dist');

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce(
    (newest, name) => Math.max(newest, newestMtime(join(path, name))),
    0,
  );
}

export function webIsStale(): boolean {
  const built = join(WEB_ROOT, 'index.html');
  if (!existsSync(built)) return true;
  const sources = ['src', 'index.html', 'vite.config.ts', 'public']
    .map((p) => join(WEB_PACKAGE, p))
    .filter((p) => existsSync(p));
  return Math.max(...sources.map(newestMtime)) > statSync(built).mtimeMs;
}

export function buildWeb(): void {
  const result = spawnSync('npm', ['run', 'build', '-w', '@ketaflow/web'], {
    cwd: join(WEB_PACKAGE, '..', '..'),
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('building the web app failed (see above)');
}
