/**
 * The wait before a failed sign-in is answered (progressive delay, T-14a). It is a decoration of the
 * application, like the clock, so tests record the requested delays instead of sleeping.
 */
import { setTimeout as sleep } from 'node:timers/promises';

export interface FailureDelay {
  wait(ms: number): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    failureDelay: FailureDelay;
  }
}

export function realFailureDelay(): FailureDelay {
  return {
    wait: async (ms) => {
      await sleep(ms);
    },
  };
}
