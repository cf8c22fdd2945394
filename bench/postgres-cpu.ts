/**
 * CPU time used by the PostgreSQL processes of this host (Linux /proc): every process named
 * `postgres`, with the time of its exited children (backends that ended). A bench script reads it
 * before and after a series to report PostgreSQL's CPU per operation beside Node's. Undefined where
 * it cannot be read (no /proc, or the server runs on another host: then the figure is not reported).
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Milliseconds per clock tick: Linux reports process times in USER_HZ, 100 on every Linux ABI. */
const MS_PER_TICK = 10;

/** Total user + system CPU milliseconds of the host's postgres processes and their reaped children. */
export function postgresCpuMs(): number | undefined {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  let ticks = 0;
  let found = false;
  for (const pid of pids) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // ended meanwhile
    }
    // "pid (comm) state …": comm may hold spaces, so fields are counted after its closing bracket.
    const close = stat.lastIndexOf(')');
    if (stat.slice(stat.indexOf('(') + 1, close) !== 'postgres') continue;
    const fields = stat.slice(close + 2).split(' ');
    // After comm: state is field 3, so utime, stime, cutime, cstime (fields 14-17) are at 11-14.
    ticks += [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
    found = true;
  }
  return found ? ticks * MS_PER_TICK : undefined;
}
