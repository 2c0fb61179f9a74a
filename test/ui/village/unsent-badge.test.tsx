// Issue 15: in a village copy the header shows the unsent changes on every page, following each write that went
// through; at the office it shows nothing and asks no more.
import { screen, waitFor } from '@testing-library/react';
import { expect, test } from 'vitest';
import type { VillageStatusView } from '../../../src/shared/api/village';
import { call } from '../../../src/renderer/api';
import { UnsentBadge } from '../../../src/renderer/pages/village/UnsentBadge';
import { renderUi, withCore } from '../render';

function status(isCopy: boolean, unsent: number): VillageStatusView {
  return {
    isCopy,
    copyId: isCopy ? 'c1' : null,
    villageNames: isCopy ? ['东村'] : [],
    unsent,
    notExported: unsent,
    lastFileSeq: 0,
    lastAcknowledged: 0,
    lastReturnSeq: 0,
    acknowledged: { applied: 0, queued: 0, refused: 0 },
  };
}

test('a copy: the count shows in the header and follows writes (a read changes nothing)', async () => {
  let unsent = 2;
  const calls = withCore((req) =>
    req.method === 'village.status' ? { ok: true, data: status(true, unsent) } : { ok: true, data: {} },
  );
  renderUi(<UnsentBadge />);
  const badge = await screen.findByText('村级副本 · 未发送 2 项');
  expect(badge.closest('a')?.getAttribute('href')).toBe('#/village');
  unsent = 3;
  await call('households.update', {} as never);
  expect(await screen.findByText('村级副本 · 未发送 3 项')).toBeTruthy();
  const asked = calls.filter((c) => c.method === 'village.status').length;
  await call('households.list', {} as never);
  await call('households.update', {} as never);
  await waitFor(() => expect(calls.filter((c) => c.method === 'village.status').length).toBe(asked + 1));
});

test('the office: nothing shown, and writes do not ask again', async () => {
  const calls = withCore((req) =>
    req.method === 'village.status' ? { ok: true, data: status(false, 0) } : { ok: true, data: {} },
  );
  const { container } = renderUi(<UnsentBadge />);
  await waitFor(() => expect(calls.map((c) => c.method)).toEqual(['village.status']));
  await call('households.update', {} as never);
  expect(calls.map((c) => c.method)).toEqual(['village.status', 'households.update']);
  expect(container.textContent).not.toContain('未发送');
});
