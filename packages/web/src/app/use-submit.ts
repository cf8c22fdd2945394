/**
 * Form submission state: busy while the request runs (the button is disabled, so nothing is sent
 * twice), the server's problem when it fails, and its per-field messages for the inputs.
 */
import { useCallback, useMemo, useState } from 'react';
import { ApiError, fieldMessages, type ApiProblem } from '../api/problem.ts';

export interface Submit {
  readonly busy: boolean;
  readonly problem: ApiProblem | null;
  readonly fields: Readonly<Record<string, string>>;
  /** Runs `action`; resolves true on success, false when the server refused (problem set). */
  readonly run: (action: () => Promise<void>) => Promise<boolean>;
  readonly clear: () => void;
}

export function useSubmit(): Submit {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const run = useCallback(async (action: () => Promise<void>) => {
    setBusy(true);
    setProblem(null);
    try {
      await action();
      return true;
    } catch (error) {
      if (error instanceof ApiError) {
        setProblem(error.problem);
        return false;
      }
      throw error;
    } finally {
      setBusy(false);
    }
  }, []);
  const clear = useCallback(() => {
    setProblem(null);
  }, []);
  const fields = useMemo(() => (problem === null ? {} : fieldMessages(problem)), [problem]);
  return { busy, problem, fields, run, clear };
}
