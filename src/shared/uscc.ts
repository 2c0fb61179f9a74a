// 统一社会信用代码 (GB 32100-2015) with the embedded 组织机构代码 check (GB 11714-1997). See docs/DOMAIN.md §5.1.
// Pure: no Node or DOM.
import { toHalfWidth } from './text';

/** The 31 characters a credit code may use: digits and upper-case letters without I, O, S, V, Z. */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** Weights for positions 1–17 (3^(i−1) mod 31). */
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
/** GB 11714 weights for the 8 body characters of the 组织机构代码. */
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/** 登记管理部门代码 (position 1) — the ones a township meets; others are accepted with a null name. */
export const USCC_AUTHORITIES: Readonly<Record<string, string>> = {
  '1': '机构编制',
  '5': '民政',
  '9': '工商（市场监管）',
  Y: '其他',
};

/** 机构类别 (position 2) per authority. */
const USCC_KINDS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  '1': { '1': '机关', '2': '事业单位', '3': '群众团体', '9': '其他' },
  '5': { '1': '社会团体', '2': '民办非企业单位', '3': '基金会', '9': '其他' },
  '9': { '1': '企业', '2': '个体工商户', '3': '农民专业合作社' },
};

export type UsccParseResult =
  | {
      ok: true;
      value: string;
      /** 登记管理部门代码, position 1 ('5' = 民政). */
      authority: string;
      authorityName: string | null;
      /** 机构类别 name (社会团体/民办非企业单位/基金会 … for 民政), null when the category is not one we know. */
      kind: string | null;
      /** 登记管理机关行政区划码 (positions 3–8). */
      regionCode: string;
      /** 组织机构代码 (positions 9–17), e.g. "MA1MRHG20". */
      orgCode: string;
    }
  | { ok: false; message: string };

export function normalizeUscc(s: string): string {
  return toHalfWidth(s)
    .replace(/[\s-]+/gu, '')
    .toUpperCase();
}

/** The GB 32100 check character (position 18) for the first 17 characters, which must be in the charset. */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARSET.indexOf(first17.charAt(i)) * (USCC_WEIGHTS[i] ?? 0);
  return USCC_CHARSET.charAt((31 - (sum % 31)) % 31);
}

/** The GB 11714 check character for the 8 body characters of a 组织机构代码 (digits 0–9, letters A–Z = 10–35). */
export function orgCodeCheckChar(first8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += parseInt(first8.charAt(i), 36) * (ORG_WEIGHTS[i] ?? 0);
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

export function parseUscc(input: string): UsccParseResult {
  const value = normalizeUscc(input);
  if (value === '') return { ok: false, message: '统一社会信用代码为空' };
  if (value.length !== 18) {
    const hint =
      value.length === 9
        ? '（9位的是旧的组织机构代码，请向单位索取18位统一社会信用代码）'
        : value.length === 15
          ? '（15位的是旧的工商注册号，请向单位索取18位统一社会信用代码）'
          : '';
    return { ok: false, message: `统一社会信用代码应为18位，实为 ${value.length} 位${hint}` };
  }
  for (let i = 0; i < 18; i++) {
    const ch = value.charAt(i);
    if (!USCC_CHARSET.includes(ch)) {
      return {
        ok: false,
        message: `统一社会信用代码第 ${i + 1} 位「${ch}」不是允许的字符（只能是数字和除 I、O、S、V、Z 外的大写字母）`,
      };
    }
  }

  const authority = value.charAt(0);
  const category = value.charAt(1);
  const regionCode = value.slice(2, 8);
  if (!/^\d{6}$/.test(regionCode)) {
    return { ok: false, message: `统一社会信用代码第3–8位应为6位行政区划码（数字），实为 ${regionCode}` };
  }
  const kinds = USCC_KINDS[authority];
  if (authority === '5' && kinds && !(category in kinds)) {
    return {
      ok: false,
      message: `民政登记的统一社会信用代码第2位应为 1（社会团体）、2（民办非企业单位）、3（基金会）或 9（其他），实为 ${category}`,
    };
  }

  const expected = usccCheckChar(value.slice(0, 17));
  const actual = value.charAt(17);
  if (expected !== actual) {
    return { ok: false, message: `校验码错误：按 GB 32100 第18位应为 ${expected}，实为 ${actual}` };
  }

  const orgCode = value.slice(8, 17);
  const orgExpected = orgCodeCheckChar(orgCode.slice(0, 8));
  if (orgExpected !== orgCode.charAt(8)) {
    return {
      ok: false,
      message: `第9–17位组织机构代码 ${orgCode.slice(0, 8)}-${orgCode.charAt(8)} 的校验位错误：按 GB 11714 应为 ${orgExpected}，实为 ${orgCode.charAt(8)}`,
    };
  }

  return {
    ok: true,
    value,
    authority,
    authorityName: USCC_AUTHORITIES[authority] ?? null,
    kind: kinds?.[category] ?? null,
    regionCode,
    orgCode,
  };
}
