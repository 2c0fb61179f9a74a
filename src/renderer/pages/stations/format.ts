// Small display helpers of the 养老服务 pages.

// Today comes from the one clock (China time), under the name the pages use.
export { today as todayCn } from '../../../shared/time';

export const pct = (rate: number | null): string => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);
