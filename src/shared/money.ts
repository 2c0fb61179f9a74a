// Money is integer fen (分) everywhere. Amounts are parsed from their decimal text, never through floating-point
// arithmetic, so "0.29" is 29 fen and not 28.999999…. Pure: no Node or DOM.
import { toHalfWidth } from './text';

export type YuanParseResult = { ok: true; fen: number } | { ok: false; message: string };

export interface ParseYuanOptions {
  /** Corrections and refunds may be negative; ordinary amounts may not. Default false. */
  allowNegative?: boolean;
}

/**
 * Parses an amount in yuan as clerks write it: "1234.5", "1,234.50", "1234.5元", "￥1234", full-width digits,
 * or a number read from a spreadsheet cell (converted through its shortest decimal text). More than two decimal
 * places, misplaced thousands separators and anything else are rejected with a message naming the problem.
 */
export function parseYuan(input: string | number, options: ParseYuanOptions = {}): YuanParseResult {
  if (typeof input === 'number' && !Number.isFinite(input)) return { ok: false, message: '金额不是有效数字' };
  const shown = String(input).trim();
  let s = toHalfWidth(String(input))
    .replace(/\s+/gu, '')
    .replace(/^(人民币|RMB|CNY)/i, '')
    .replace(/^[￥¥]/u, '')
    .replace(/(元整|元)$/u, '');
  if (s === '') return { ok: false, message: '金额为空' };

  let negative = false;
  if (s.startsWith('-')) {
    negative = true;
    s = s.slice(1).replace(/^[￥¥]/u, '');
  }
  if (/^\d+(\.\d+)?e[+-]?\d+$/i.test(s)) {
    return { ok: false, message: `金额「${shown}」是科学计数法，请把该列设为数值或文本后重新录入` };
  }

  const m = /^(\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d*))?$/.exec(s);
  if (!m || (m[1] === '' && (m[2] ?? '') === '')) {
    if (/^[\d,]+(\.\d*)?$/.test(s)) return { ok: false, message: `金额「${shown}」的千分位逗号位置不对` };
    return { ok: false, message: `「${shown}」不是有效金额` };
  }
  const intPart = (m[1] ?? '').replace(/,/g, '') || '0';
  const fracPart = m[2] ?? '';
  if (fracPart.length > 2) {
    return { ok: false, message: `金额最多保留两位小数（到分），「${shown}」有 ${fracPart.length} 位小数` };
  }
  if (negative && !options.allowNegative) return { ok: false, message: `金额不能为负数：${shown}` };

  const fenText = intPart + fracPart.padEnd(2, '0');
  const fen = Number(fenText);
  if (!Number.isSafeInteger(fen)) return { ok: false, message: `金额「${shown}」过大` };
  return { ok: true, fen: negative && fen !== 0 ? -fen : fen };
}

function assertFen(fen: number): void {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`金额必须是整数分：${fen}`);
}

/** "1,234.50" for 123450 fen; negative amounts as "-1,234.50". */
export function formatYuan(fen: number): string {
  assertFen(fen);
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const cents = abs % 100;
  const grouped = String(yuan).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${fen < 0 ? '-' : ''}${grouped}.${String(cents).padStart(2, '0')}`;
}

/**
 * The yuan value as a JavaScript number, for numeric spreadsheet cells and charts only. The result is the nearest
 * double to the exact decimal, so it displays exactly with two decimals; never do money arithmetic on it.
 */
export function fenToYuanNumber(fen: number): number {
  assertFen(fen);
  return fen / 100;
}
