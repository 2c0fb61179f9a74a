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
  options: { skip?: boolean } = {},
): CallState<OutputOf<Api[M]>> {
  const [data, setData] = useState<OutputOf<Api[M]>>();
  const [loading, setLoading] = useState(!options.skip);
  const [error, setError] = useState<ApiError>();
  const [tick, setTick] = useState(0);
  const key = JSON.stringify(input);
  const seq = useRef(0);
  useEffect(() => {
    if (options.skip) return;
    const mine = ++seq.current;
    setLoading(true);
    call(method, JSON.parse(key) as InputOf<Api[M]>).then(
      (d) => {
        if (mine !== seq.current) return; // a newer request superseded this one
        setData(d);
        setError(undefined);
        setLoading(false);
      },
      (e: unknown) => {
        if (mine !== seq.current) return;
        setError(e instanceof ApiError ? e : new ApiError('INTERNAL', String(e)));
        setLoading(false);
      },
    );
  }, [method, key, tick, options.skip]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, loading, error, reload };
}
