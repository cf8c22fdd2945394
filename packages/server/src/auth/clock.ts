/**
 * The application's clock. Session expiry and lockout read time from `app.clock` rather than from the
 * system directly, so tests can move time forward instead of sleeping.
 */
export interface Clock {
  now(): Date;
}

declare module 'fastify' {
  interface FastifyInstance {
    clock: Clock;
  }
}

/** A fresh clock object per application (tests replace its `now`). */
export function systemClock(): Clock {
  return { now: () => new Date() };
}
