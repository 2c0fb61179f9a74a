// Small display helpers of the 养老服务 pages.

/** Today in China, 'YYYY-MM-DD' (the ledger's dates are China calendar dates). */
export function todayCn(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}

export const pct = (rate: number | null): string => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);
