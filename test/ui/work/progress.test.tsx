// Issue 23.4: while a comparison runs in the core's worker thread, the page shows how far it is (the step and the
// percentage the core reports), and the bar goes once the comparison has answered.
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { expect, test } from 'vitest';
import type { ApiRequest } from '../../../src/shared/api/contract';
import { WorkProgressBar } from '../../../src/renderer/lib/WorkProgress';
import { renderUi, withCore } from '../render';

test('the bar shows the step and percentage the core reports while the work runs, and goes when it ends', async () => {
  let percent = 10;
  const calls = withCore((req: ApiRequest) => {
    if (req.method === 'work.progress') {
      percent += 20;
      return { ok: true, data: { step: '逐行比对', done: percent, total: 100, percent } };
    }
    return { ok: true, data: null };
  });
  function Host() {
    const [busy, setBusy] = useState(true);
    return (
      <>
        <button onClick={() => setBusy(false)}>比对完成</button>
        <WorkProgressBar method="compare.run" active={busy} label="正在比对" />
      </>
    );
  }
  renderUi(<Host />);
  expect(await screen.findByText(/^正在比对：逐行比对 \d+%$/)).toBeTruthy();
  // It keeps asking: a later answer replaces the first.
  await waitFor(() => expect(screen.getByText(/^正在比对：逐行比对 (5|7|9)\d%$/)).toBeTruthy(), { timeout: 3000 });
  expect(
    calls.every((c) => c.method === 'work.progress' && (c.input as { method: string }).method === 'compare.run'),
  ).toBe(true);
  fireEvent.click(screen.getByRole('button', { name: '比对完成' }));
  await waitFor(() => expect(screen.queryByText(/正在比对/)).toBeNull());
  const asked = calls.length;
  await new Promise((r) => setTimeout(r, 1200));
  expect(calls.length).toBe(asked); // no more questions once the work has ended
});
