/**
 * Runs queries of one transaction one after another (a transaction is one connection: concurrent
 * queries on it only queue up, and pg 9 will refuse them) and returns their results as a tuple.
 */
export async function inSequence<T extends readonly unknown[]>(work: {
  readonly [K in keyof T]: () => Promise<T[K]>;
}): Promise<T> {
  const results: unknown[] = [];
  for (const step of work as readonly (() => Promise<unknown>)[]) results.push(await step());
  return results as unknown as T;
}
