// Work off the main thread and in slices: what other capabilities may use. Import it from here, never from a file
// inside (eslint checks).
export { runTask, runWork } from './offthread';
export { phased } from './phased';
export { timeSlicer, yieldToCalls } from './slices';
export { registerTasks, type PackageArgs, type TaskTable, type TaskTypes } from './tasks';
export { serveTasks } from './worker';
export { workHandlers } from './handlers';
export { preparerOf } from './phased';
export type { PreparedBox } from './phased';
