// Long work on the thread that answers API calls, cut into slices: between slices the event loop runs, so a call
// that arrives during an import preview is answered meanwhile instead of waiting seconds (issue 23.4). Report package
// builds and comparisons run in a worker thread instead (offthread.ts; docs/DECISIONS.md). Usage in a loop over rows
// or chunks:
//
//   const slice = timeSlicer();
//   for (const row of rows) { work(row); await slice(); }
//
// `slice()` returns at once until `budgetMs` of work has passed since the last pause, then pauses with setImmediate
// (timers, I/O callbacks and other requests' handlers run). The clock is only read every `checkEvery` calls.

/** Lets pending I/O and other calls run, then continues. */
export const yieldToCalls = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));

export function timeSlicer(budgetMs = 25, checkEvery = 64): () => Promise<void> {
  let calls = 0;
  let since = performance.now();
  return async () => {
    if (++calls % checkEvery !== 0) return;
    const now = performance.now();
    if (now - since < budgetMs) return;
    await yieldToCalls();
    since = performance.now();
  };
}
