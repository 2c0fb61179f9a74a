// The worker thread's entry (issue 23.4), built beside the app's main bundle (electron.vite.config.ts) and the CLI
// bundle (scripts/build-cli.mjs) as `ledger-worker.js`; in development and tests it runs from source through
// src/main/ledger/work/dev-boot.mjs. It registers the capabilities' off-thread tasks (api/tasks.ts), then serves them
// (work/worker.ts): each on its own read-only connection, progress and result posted back.
import { offThreadTasks } from './api/tasks';
import { registerTasks, serveTasks } from './ledger/work';

registerTasks(offThreadTasks);
serveTasks();
