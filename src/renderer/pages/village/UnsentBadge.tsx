// In a village copy, on every page (the header): how many changes wait to be carried to the office. It reads the
// copy's state once, and again after every write that went through; at the office it shows nothing and stops
// listening.
import { Badge } from '@mantine/core';
import { useEffect, useState } from 'react';
import { api } from '../../../shared/api';
import type { MethodSpec } from '../../../shared/api/contract';
import type { VillageStatusView } from '../../../shared/api/village';
import { call, onCallDone } from '../../api';

const specs = api as unknown as Record<string, MethodSpec | undefined>;

export function UnsentBadge() {
  const [status, setStatus] = useState<VillageStatusView | null>(null);
  useEffect(() => {
    let alive = true;
    let off: () => void = () => undefined;
    const load = () =>
      call('village.status', {})
        .then((s) => {
          if (!alive) return;
          setStatus(s);
          if (!s.isCopy) off();
        })
        .catch(() => undefined);
    off = onCallDone((method) => {
      if (method !== 'village.status' && specs[method]?.write) void load();
    });
    void load();
    return () => {
      alive = false;
      off();
    };
  }, []);
  if (!status?.isCopy) return null;
  return (
    <Badge
      component="a"
      href="#/village"
      color={status.unsent > 0 ? 'orange' : 'gray'}
      variant="light"
      title="村级副本：尚未被办公室确认的变更，点此导出变更文件"
    >
      村级副本 · 未发送 {status.unsent} 项
    </Badge>
  );
}
