// The rows of the month's grain (grain.ts) found by a number instead of a key string: one built per case and set was
// most of the counting's time and garbage on a large ledger (docs/DECISIONS.md, issue 17, "The first read").
import type { CaseTuple } from './grain-read';

/** The sets of the grain: 'P' paid in M, 'Q' paid in the month before, 'N' started, 'X' stopped, 'G' granted. */
export type SetLabel = 'P' | 'Q' | 'N' | 'X' | 'G';

/**
 * Small numbers for the strings of a row's key, so a row is found by a number (no key string built per case, which
 * was most of the counting's time and garbage). Each has a bound that keeps the packed key below 2^53.
 */
class Codes {
  private readonly codes = new Map<string, number>();
  constructor(readonly bits: number) {}
  get size(): number {
    return this.codes.size;
  }
  of(x: string): number {
    let c = this.codes.get(x);
    if (c === undefined) {
      c = this.codes.size;
      if (c >= 2 ** this.bits) throw new Error('grain: too many distinct values for a row key');
      this.codes.set(x, c);
    }
    return c;
  }
}
// 23 + 13 + 5 + 2 + 3 + 3 + 3 + 1 = 53 bits. Categories, areas and 临时救助 types are few by the schema's CHECKs;
// villages and months grow with use: when either is half full, all codes start again (codesFilling), and with
// them the counts kept under the old codes.
const VILLAGES = 23;
const MONTHS = 13;
let villageCodes = new Codes(VILLAGES);
let monthCodes = new Codes(MONTHS);
const categoryCodes = new Codes(5);
const areaCodes = new Codes(2);
const ltypeCodes = new Codes(3);
const SETS: Record<SetLabel, number> = { P: 0, Q: 1, N: 2, X: 3, G: 4 };
const CAUSE_CODES = new Map([
  ['illness', 0],
  ['disability', 1],
  ['education', 2],
  ['disaster', 3],
  ['no_labour', 4],
]);

/** The row of case `c` in set `s`, month `m` (k: its row code, 特困/孤儿 split by 供养方式), as one number. */
export function rowCode(c: CaseTuple, s: SetLabel, m: string, centralized: boolean): number {
  let x = villageCodes.of(c[12]) * 2 ** MONTHS + monthCodes.of(m);
  x = x * 2 ** 5 + categoryCodes.of(c[1]);
  x = x * 2 + (centralized ? 1 : 0);
  x = x * 2 ** 2 + areaCodes.of(c[3]);
  x = x * 2 ** 3 + ltypeCodes.of(c[1] === 'linshi' ? (c[10] ?? 'unknown') : '');
  x = x * 2 ** 3 + (c[13] !== null ? (CAUSE_CODES.get(c[13]) ?? 5) : 5);
  return x * 2 ** 3 + SETS[s];
}

/** True when the village or month codes are half used: they start again, and the caller drops what it kept. */
export function codesFilling(): boolean {
  if (villageCodes.size < 2 ** (VILLAGES - 1) && monthCodes.size < 2 ** (MONTHS - 1)) return false;
  villageCodes = new Codes(VILLAGES);
  monthCodes = new Codes(MONTHS);
  return true;
}
