// Contract slice: 月度报表. Filled in by that capability's issue.
import type { ApiSlice } from './contract';

export const reportsApi = {} satisfies ApiSlice;
