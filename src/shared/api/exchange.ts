// Contract slice: 导入导出. Filled in by that capability's issue.
import type { ApiSlice } from './contract';

export const exchangeApi = {} satisfies ApiSlice;
