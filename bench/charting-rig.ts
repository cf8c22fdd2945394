/**
 * The charting benchmark's rig: a fresh test app (its own database) with one running session, the
 * two writes the benchmark compares — a vitals write through the HTTP API (Fastify inject, signed in
 * through the real auth path) and a raw single-row INSERT of the same payload into the same table —
 * and a chair-board SSE stream over a real socket that records when each push arrives.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { signInTeam } from '../packages/server/src/intake/fixtures.test-support.ts';
import {
  NORMAL_VITALS,
  runningSession,
  scheduledSession,
} from '../packages/server/src/sessions/fixtures.test-support.ts';
import { startTestApp } from '../packages/server/src/testing/harness.ts';
import { nowMs } from './load.ts';

export interface ChartingRig {
  /** One vitals write through the API; throws unless it is answered 201. */
  readonly api: () => Promise<void>;
  /** The same payload as one raw single-row INSERT. */
  readonly raw: () => Promise<void>;
  /** Forgets the API writes recorded so far (warm-up). */
  readonly forgetWrites: () => void;
  /** Each recorded API write's board latency: request start → first push after its answer. */
  readonly boardLatencies: () => Promise<number[]>;
  readonly close: () => Promise<void>;
}

export async function startChartingRig(): Promise<ChartingRig> {
  const t = await startTestApp();
  const controller = new AbortController();
  try {
    const team = await signInTeam(t.app);
    const fx = await scheduledSession(t.app, team);
    await runningSession(t.app, team, fx);
    const headers = { ...team.nurse.headers(), 'content-type': 'application/json' };

    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.app.server.address() as AddressInfo).port;
    const pushes: number[] = [];
    const stream = await fetch(`http://127.0.0.1:${String(port)}/api/v1/board/stream`, {
      headers: { cookie: team.nurse.cookie, accept: 'text/event-stream' },
      signal: controller.signal,
    });
    if (stream.body === null) throw new Error('no board stream');
    const reader = stream.body.pipeThrough(new TextDecoderStream()).getReader();
    void (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: '', done: true }));
        if (done) return;
        if (value.includes('event: board')) pushes.push(nowMs());
      }
    })();

    const writes: { startedMs: number; ackedMs: number }[] = [];
    return {
      api: async () => {
        const startedMs = nowMs();
        const response = await t.app.inject({
          method: 'POST',
          url: `/api/v1/sessions/${fx.sessionId}/chart`,
          headers,
          payload: JSON.stringify({
            id: randomUUID(),
            kind: 'vitals',
            occurredAt: new Date(Date.now() - 10).toISOString(),
            vitals: NORMAL_VITALS,
          }),
        });
        if (response.statusCode !== 201) throw new Error(`chart write: ${response.body}`);
        writes.push({ startedMs, ackedMs: nowMs() });
      },
      raw: async () => {
        await t.database.pool.query(
          `INSERT INTO chart_entries (id, clinic_id, session_id, kind, occurred_at, payload, request_hash, recorded_by, recorded_at)
           VALUES ($1, $2, $3, 'vitals', $4, $5, 'raw', $6, now())`,
          [
            randomUUID(),
            team.clinicId,
            fx.sessionId,
            new Date(Date.now() - 10),
            JSON.stringify({ vitals: NORMAL_VITALS }),
            team.nurse.userId,
          ],
        );
      },
      forgetWrites: () => {
        writes.length = 0;
      },
      boardLatencies: async () => {
        await new Promise((resolve) => setTimeout(resolve, 500)); // the last pushes
        return writes
          .map((w) => {
            const push = pushes.find((p) => p >= w.ackedMs);
            return push === undefined ? Number.NaN : push - w.startedMs;
          })
          .filter((x) => Number.isFinite(x));
      },
      close: async () => {
        controller.abort();
        await t.close();
      },
    };
  } catch (error) {
    controller.abort();
    await t.close();
    throw error;
  }
}
