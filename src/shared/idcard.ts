// 居民身份证号码 (GB 11643-1999): normalisation, validation with messages a clerk can act on, masking, age.
// See docs/DOMAIN.md §6. Pure: no Node or DOM.
import { toHalfWidth } from './text';
import { isDate, today as chinaToday } from './time';

export type IdParseResult =
  | {
      ok: true;
      /** Normalised number: half-width, upper-case X, no spaces. 15-digit legacy numbers stay 15 digits. */
      value: string;
      /** A 15-digit number issued before 1999 (no check character, 2-digit year). */
      legacy: boolean;
      birthDate: string;
      sex: 'M' | 'F';
      /** 6-digit 地址码 (GB/T 2260 county of first registration). */
      regionCode: string;
    }
  | { ok: false; message: string };

/** ISO 7064 MOD 11-2 weights for positions 1–17. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** Trim, fold full-width digits/letters, 'x'/'ｘ'/'Ｘ' -> 'X', and drop spaces inside ("1101 0519…"). */
export function normalizeIdNumber(s: string): string {
  return toHalfWidth(s).replace(/\s+/gu, '').toUpperCase();
}

/** The GB 11643 check character for the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charAt(i)) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS.charAt(sum % 11);
}

export interface ParseIdOptions {
  /** 'YYYY-MM-DD' used to reject birth dates in the future; defaults to the local date. */
  today?: string;
}

export function parseIdNumber(input: string, options: ParseIdOptions = {}): IdParseResult {
  const raw = input.trim();
  const value = normalizeIdNumber(input);
  if (value === '') return { ok: false, message: '身份证号码为空' };

  // Excel shows a long number typed into a General cell as 1.10105E+17 and keeps only 15 significant digits.
  if (/^\d+(\.\d+)?E\+?\d+$/.test(value)) {
    return {
      ok: false,
      message: `看起来被 Excel 改成了科学计数法（${raw}），原号码已丢失，请把该列设为文本后重新录入`,
    };
  }

  const bad = /[^0-9X]/u.exec(value)?.[0]; // the first character (code point) that is not a digit or X
  if (bad !== undefined) return { ok: false, message: `身份证号码含有非法字符「${bad}」，只能是数字和末位的 X` };

  if (value.length !== 18 && value.length !== 15) {
    return { ok: false, message: `身份证号码应为18位（或旧版15位），实为 ${value.length} 位` };
  }

  const legacy = value.length === 15;
  const body = legacy ? value : value.slice(0, 17);
  const xAt = body.indexOf('X');
  if (xAt >= 0) {
    return {
      ok: false,
      message: legacy ? '旧版15位身份证号码只能由数字组成' : `X 只能出现在第18位（校验码），却出现在第 ${xAt + 1} 位`,
    };
  }

  const digits8 = legacy ? `19${value.slice(6, 12)}` : value.slice(6, 14);
  const birthDate = `${digits8.slice(0, 4)}-${digits8.slice(4, 6)}-${digits8.slice(6, 8)}`;
  const shownDate = legacy ? value.slice(6, 12) : digits8;
  if (!isDate(birthDate)) return { ok: false, message: `出生日期 ${shownDate} 不存在` };
  if (Number(digits8.slice(0, 4)) < 1850) return { ok: false, message: `出生日期 ${shownDate} 早于1850年，不合理` };
  const today = options.today ?? chinaToday();
  if (birthDate > today) return { ok: false, message: `出生日期 ${shownDate} 晚于今天（${today}）` };

  if (!legacy) {
    const expected = idCheckChar(body);
    const actual = value.charAt(17);
    if (expected !== actual) {
      // Excel keeps 15 significant digits, so an 18-digit number once stored as a number ends in "000".
      // No digit is suggested: the typo is as often in the other 17 characters as in the last one (issue 20).
      const hint = /000$/.test(value) ? '；末三位为 000，可能被 Excel 截断了精度' : '';
      return {
        ok: false,
        message: `校验码错误：这个号码没有通过校验（GB 11643），请与身份证原件逐位核对${hint}`,
      };
    }
  }

  const sequenceDigit = Number(value.charAt(legacy ? 14 : 16));
  return {
    ok: true,
    value,
    legacy,
    birthDate,
    sex: sequenceDigit % 2 === 1 ? 'M' : 'F',
    regionCode: value.slice(0, 6),
  };
}

/**
 * The 18-digit form of a valid 15-digit legacy number (insert "19", append the check character), or null when the
 * input is not a valid legacy number. Offered to the clerk, never applied silently: the card itself says 15 digits.
 */
export function upgradeLegacyIdNumber(s: string): string | null {
  const parsed = parseIdNumber(s);
  if (!parsed.ok || !parsed.legacy) return null;
  const first17 = `${parsed.value.slice(0, 6)}19${parsed.value.slice(6)}`;
  return first17 + idCheckChar(first17);
}

/**
 * The other form of the same number: a 15-digit legacy number's 18-digit form, or an 18-digit number's 15-digit form
 * (born in the 1900s); else null. Records kept for years hold a person under either, so look-ups try both.
 */
export function otherIdForm(id: string): string | null {
  if (id.length === 15) return upgradeLegacyIdNumber(id);
  if (id.length === 18 && id.slice(6, 8) === '19') return id.slice(0, 6) + id.slice(8, 17);
  return null;
}

/** Masking lives in ./mask (one rule for every surface); re-exported for existing callers. */
export { maskIdNumber } from './mask';

/** Age (周岁) lives with the clock in ./time; re-exported for callers that read it off an ID number. */
export { ageOn } from './time';
