/**
 * Loads data for a screen: loading → data or the server's problem. A newer load (new arguments, or
 * `reload()`) aborts the older one, so a slow answer never overwrites a newer one.
 */
import { useCallback, useEffect, useState } from 'react';
import { ApiError, type ApiProblem } from '../api/problem.ts';

export type Loaded<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'failed'; readonly problem: ApiProblem }
  | { readonly status: 'ok'; readonly data: T };

export function useLoad<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: readonly unknown[],
): { readonly state: Loaded<T>; readonly reload: () => void } {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const stableLoad = useCallback(load, deps);
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    stableLoad(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'ok', data });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError) setState({ status: 'failed', problem: error.problem });
        else throw error;
      },
    );
    return () => {
      controller.abort();
    };
  }, [stableLoad, generation]);
  const reload = useCallback(() => {
    setGeneration((g) => g + 1);
  }, []);
  return { state, reload };
}
