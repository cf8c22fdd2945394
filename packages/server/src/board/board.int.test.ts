/**
 * The live chair board: the JSON snapshot shows initials only, and the SSE stream pushes a new
 * snapshot within 2 s of a charted entry (issue 4 Deliver 7; T-60), and a fresh one every REFRESH_MS
 * on a quiet floor so minutes and overdue checks move. The stream is read over a real socket. Role
 * rules: a researcher is refused; a coordinator watches.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { signInTeam, type Team } from '../intake/fixtures.test-support.ts';
import { startTestApp, type TestApp } from '../testing/harness.ts';
import {
  call,
  NORMAL_VITALS,
  runningSession,
  scheduledSession,
  type SessionFixture,
} from '../sessions/fixtures.test-support.ts';
import { REFRESH_MS } from './routes.ts';

let t: TestApp;
let team: Team;
let fx: SessionFixture;
let base: string;
before(async () => {
  t = await startTestApp();
  team = await signInTeam(t.app);
  fx = await scheduledSession(t.app, team);
  await runningSession(t.app, team, fx);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${String((t.app.server.address() as AddressInfo).port)}`;
});
after(() => t.close());

interface Snapshot {
  generatedAt: string;
  chairs: {
    chairId: string;
    session: {
      initials: string;
      state: string;
      elapsedMin: number | null;
      lastVitals: { values: Record<string, number> } | null;
      activeAlarms: { ruleId: string; field: string; value: number; threshold: number }[];
    } | null;
  }[];
}

test('the snapshot shows the running chair with initials only', async () => {
  const response = await call(t.app, team.coordinator, 'GET', '/board');
  assert.equal(response.statusCode, 200, response.body);
  assert.ok(!/Zebediah|Quuxington/.test(response.body), 'no names on the board');
  const tile = response.json<Snapshot>().chairs.find((c) => c.chairId === fx.chairId);
  assert.equal(tile?.session?.initials, 'ZQ');
  assert.equal(tile.session.state, 'running');
  const researcher = await call(t.app, team.researcher, 'GET', '/board');
  assert.equal(researcher.statusCode, 403, researcher.body);
});

test('a researcher cannot open the stream', async () => {
  const response = await fetch(`${base}/api/v1/board/stream`, {
    headers: { cookie: team.researcher.cookie, accept: 'text/event-stream' },
  });
  assert.equal(response.status, 403);
  await response.body?.cancel();
});

interface Stream {
  next(): Promise<Snapshot>;
  close(): Promise<void>;
}

/** Opens the board stream as `cookie` and reads its `board` events one at a time. */
async function openStream(cookie: string): Promise<Stream> {
  const controller = new AbortController();
  const response = await fetch(`${base}/api/v1/board/stream`, {
    headers: { cookie, accept: 'text/event-stream' },
    signal: controller.signal,
  });
  assert.equal(response.status, 200);
  assert.ok(response.body !== null, 'a stream body');
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  return {
    async next() {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block
            .split('\n')
            .filter((l) => l.startsWith('data:'))
            .map((l) => l.slice(5).trim())
            .join('');
          if (block.includes('event: board') && data !== '') return JSON.parse(data) as Snapshot;
          continue;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffer += value;
      }
    },
    async close() {
      controller.abort();
      await reader.cancel().catch(() => undefined);
    },
  };
}

test('the stream pushes the charted vitals within 2 s', async () => {
  const stream = await openStream(team.nurse.cookie);
  const first = await stream.next();
  assert.ok(
    first.chairs.some((c) => c.chairId === fx.chairId),
    'the first snapshot lists the chair',
  );
  const sentAt = Date.now();
  const write = await call(t.app, team.nurse, 'POST', `/sessions/${fx.sessionId}/chart`, {
    id: randomUUID(),
    kind: 'vitals',
    occurredAt: new Date(Date.now() - 50).toISOString(),
    vitals: { ...NORMAL_VITALS, systolicBpMmHg: 185 },
  });
  assert.equal(write.statusCode, 201, write.body);
  const pushed = await stream.next();
  const latencyMs = Date.now() - sentAt;
  assert.ok(latencyMs < 2000, `pushed after ${String(latencyMs)} ms`);
  const tile = pushed.chairs.find((c) => c.chairId === fx.chairId);
  assert.equal(tile?.session?.lastVitals?.values.systolicBpMmHg, 185);
  assert.equal(tile.session.activeAlarms.length, 1, 'the sbp-high alarm is on the board');
  const [alarm] = tile.session.activeAlarms;
  assert.equal(alarm?.ruleId, 'sbp-high');
  assert.equal(alarm.field, 'systolicBpMmHg', 'the alarm names the value that raised it');
  assert.equal(alarm.value, 185);
  assert.equal(alarm.threshold, 180);
  await stream.close();
});

// Last: it moves the application clock forward.
test('a quiet floor still gets a fresh snapshot every REFRESH_MS', async () => {
  // The interval is shortened for the test (streams opened from now on), so the refresh arrives
  // without waiting 15 s; no write happens meanwhile.
  t.app.boardRefreshMs = 200;
  const stream = await openStream(team.coordinator.cookie);
  try {
    const first = await stream.next();
    const minutes = 5;
    t.advanceClock(minutes * 60_000);
    const refreshed = await stream.next();
    assert.ok(
      Date.parse(refreshed.generatedAt) > Date.parse(first.generatedAt),
      `${refreshed.generatedAt} after ${first.generatedAt}`,
    );
    const before = first.chairs.find((c) => c.chairId === fx.chairId)?.session;
    const after = refreshed.chairs.find((c) => c.chairId === fx.chairId)?.session;
    assert.ok(typeof before?.elapsedMin === 'number', 'the running chair shows elapsed minutes');
    assert.equal(
      after?.elapsedMin,
      before.elapsedMin + minutes,
      'elapsed time moves without writes',
    );
  } finally {
    await stream.close();
    t.app.boardRefreshMs = REFRESH_MS;
  }
});
