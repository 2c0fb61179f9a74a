// Progress of a long call (issue 23.4): while a package build or a comparison runs in the core's worker thread, the
// page asks `work.progress` twice a second and shows the step and the percentage.
import { Progress, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { WorkMethod, WorkProgress } from '../../shared/api/work';
import { call } from '../api';

const POLL_MS = 500;

/** The progress of the caller's running `method` while `active`; null before the first answer and when idle. */
export function useWorkProgress(method: WorkMethod, active: boolean): WorkProgress | null {
  const [progress, setProgress] = useState<WorkProgress | null>(null);
  useEffect(() => {
    setProgress(null);
    if (!active) return;
    let stopped = false;
    const ask = () =>
      call('work.progress', { method }).then(
        (p) => !stopped && setProgress(p),
        () => undefined, // a question that fails leaves the last answer; the call itself reports its own errors
      );
    void ask();
    const timer = setInterval(() => void ask(), POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [method, active]);
  return progress;
}

/** '生成报表工作簿 40%'. */
export const progressText = (p: WorkProgress): string => `${p.step} ${p.percent}%`;

/** A bar with the step and percentage, shown while `active`. */
export function WorkProgressBar({ method, active, label }: { method: WorkMethod; active: boolean; label: string }) {
  const p = useWorkProgress(method, active);
  if (!active) return null;
  return (
    <Stack gap={4} aria-live="polite">
      <Text size="sm">
        {label}
        {p ? `：${progressText(p)}` : '……'}
      </Text>
      <Progress value={p?.percent ?? 0} animated aria-label={`${label}进度`} />
    </Stack>
  );
}
