/**
 * A background job `ketaflow serve` runs: once at start, then `intervalMs` after the end of each run
 * (never two runs at once), until stopped. Time comes from the injected clock and the timer
 * functions are injectable, so tests step runs without waiting.
 */
import type { Clock } from '../auth/clock.ts';

export interface TimerFunctions {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: TimerFunctions = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
};

export interface PeriodicJobOptions<T> {
  readonly run: (now: Date) => Promise<T>;
  readonly clock: Clock;
  readonly intervalMs: number;
  /** Called after each run with its result, or with the error of a failed run. */
  readonly onCycle?: (outcome: { counts: T } | { error: unknown }) => void;
  readonly timers?: TimerFunctions;
}

export interface PeriodicJob {
  /** Cancels the next run and waits for a running one to finish. */
  stop(): Promise<void>;
}

export function startPeriodicJob<T>(options: PeriodicJobOptions<T>): PeriodicJob {
  const timers = options.timers ?? realTimers;
  let stopped = false;
  let handle: unknown = null;
  let running: Promise<void> = Promise.resolve();
  const cycle = (): void => {
    handle = null;
    running = options
      .run(options.clock.now())
      .then(
        (counts) => options.onCycle?.({ counts }),
        (error: unknown) => options.onCycle?.({ error }),
      )
      .finally(() => {
        if (!stopped) handle = timers.set(cycle, options.intervalMs);
      });
  };
  cycle();
  return {
    async stop() {
      stopped = true;
      if (handle !== null) timers.clear(handle);
      await running;
    },
  };
}
