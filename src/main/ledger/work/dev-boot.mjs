// Development and tests only: a worker thread starts as plain Node, which cannot load TypeScript. This registers tsx
// in the worker, then loads the TypeScript entry (worker.ts). Built apps run the bundled ledger-worker.js instead.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
