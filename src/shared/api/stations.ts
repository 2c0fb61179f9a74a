// Contract slice: 养老服务台账. Filled in by that capability's issue.
import type { ApiSlice } from './contract';

export const stationsApi = {} satisfies ApiSlice;
