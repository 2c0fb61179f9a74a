// Contract slice: 备份与隐私. Filled in by that capability's issue.
import type { ApiSlice } from './contract';

export const safetyApi = {} satisfies ApiSlice;
