// Contract slice: 社会救助台账. Filled in by that capability's issue.
import type { ApiSlice } from './contract';

export const casesApi = {} satisfies ApiSlice;
