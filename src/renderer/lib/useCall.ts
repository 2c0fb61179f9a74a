// Data loading for pages: `const { data, loading, error, reload } = useCall('villages.list', {})`.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Api, MethodName } from '../../shared/api';
import type { InputOf, OutputOf } from '../../shared/api/contract';
import { ApiError, call } from '../api';

export interface CallState<T> {
  data: T | undefined;
  loading: boolean;
  error: ApiError | undefined;
  reload: () => void;
}

export function useCall<M extends MethodName>(
  method: M,
  input: InputOf<Api[M]>,
  options: {
    skip?: boolean;
    /** An answer already asked for (the 工作台's at login): used instead of asking, when it gives one. */
    first?: () => Promise<OutputOf<Api[M]>> | undefined;
  } = {},
): CallState<OutputOf<Api[M]>> {
  const [data, setData] = useState<OutputOf<Api[M]>>();
  const [loading, setLoading] = useState(!options.skip);
  // An error belongs to the input that caused it: once the page asks for another month or record, it is not shown
  // beside that one (issue 20: the heading said 2026-12 while the error still named 2027-01).
  const [failure, setFailure] = useState<{ key: string; error: ApiError }>();
  const [tick, setTick] = useState(0);
  const key = JSON.stringify(input);
  const error = failure?.key === key ? failure.error : undefined;
  const seq = useRef(0);
  useEffect(() => {
    if (options.skip) return;
    const mine = ++seq.current;
    setLoading(true);
    (options.first?.() ?? call(method, JSON.parse(key) as InputOf<Api[M]>)).then(
      (d) => {
        if (mine !== seq.current) return; // a newer request superseded this one
        setData(d);
        setFailure(undefined);
        setLoading(false);
      },
      (e: unknown) => {
        if (mine !== seq.current) return;
        setFailure({ key, error: e instanceof ApiError ? e : new ApiError('INTERNAL', String(e)) });
        setLoading(false);
      },
    );
    // `first` is asked on each load (it gives an answer once), so it is not a dependency.
  }, [method, key, tick, options.skip]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, loading, error, reload };
}
