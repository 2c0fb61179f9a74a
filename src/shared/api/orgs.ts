// Contract slice: 社会组织台账. Filled in by that capability's issue.
import type { ApiSlice } from './contract';

export const orgsApi = {} satisfies ApiSlice;
