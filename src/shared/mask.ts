// The one masking rule for 居民身份证号码 and what may stand beside a masked number (docs/DATA-SAFETY.md,
// 「身份证号码的遮挡规则」). Every list, page, print, export, message and log goes through these functions.
//
// An 18-digit number is 6 address digits (地址码) + 8 birth-date digits + 3 sequence digits (the last of them odd
// for men) + 1 check character. The address code of a township's residents is effectively public (a handful of
// county codes), so a mask that shows the address code, or a mask shown beside a full birth date, gives the number
// back: the check character confirms the one remaining guess. The rule therefore shows only the LAST 4 characters
// (sequence + check; the sex they reveal is shown anyway), and wherever a masked number is shown, a birth date
// beside it is shown as the year only (or as an age): the attacker is then left with ~365 dates per address code,
// of which the check character keeps ~33 — too many to single a person out.
// Pure: no Node or DOM.
import { toHalfWidth } from './text';

/** Characters shown at the end of an 18-digit number (3 sequence digits + check character). */
export const ID_TAIL_18 = 4;
/** Characters shown at the end of a legacy 15-digit number (its 3 sequence digits; there is no check character). */
export const ID_TAIL_15 = 3;

/**
 * Masks an ID number for lists, prints, exports, messages and logs: only the last 4 characters of an 18-digit
 * number (the last 3 of a 15-digit one) stay visible; the address code and the birth date are always hidden.
 * Length is kept so the clerk can see the number is complete. A number of any other length (never stored, but
 * possible in a message about bad input) shows at most its last 2 characters.
 */
export function maskIdNumber(s: string | null | undefined): string {
  const v = toHalfWidth(s ?? '')
    .replace(/\s+/gu, '')
    .toUpperCase();
  const n = v.length;
  if (n === 0) return '';
  const tail = n === 18 ? ID_TAIL_18 : n === 15 ? ID_TAIL_15 : n >= 8 ? 2 : 0;
  return '*'.repeat(n - tail) + v.slice(n - tail);
}

/** '' for null; the masked number otherwise, or the full number when the export is a named full-number one. */
export function idForExport(s: string | null | undefined, full: boolean): string {
  if (!s) return '';
  return full ? s : maskIdNumber(s);
}

/**
 * A birth date shown beside a masked ID number: the year only ('1960'). The full date stays in the ledger and is
 * shown only where the full ID number is (the person's own form after 查看完整身份证号, full-number exports).
 */
export function birthYearOnly(date: string | null | undefined): string {
  return date && /^\d{4}/.test(date) ? date.slice(0, 4) : '';
}

/** The shortest reason accepted for an export or view of full ID numbers. */
export const FULL_ID_REASON_MIN = 2;
export const FULL_ID_REASON_MESSAGE = '导出完整身份证号码须填写用途（至少 2 个字）';

/** The line written on the face of every export that carries full ID numbers. */
export function fullIdNotice(purpose: string): string {
  return `本文件含完整身份证号码，仅限“${purpose.trim()}”使用，不得转发、复制或留存，用毕请删除`;
}

const ID_LIKE = /(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/g;
const DATE_LIKE =
  /^(\d{4})\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?$|^(\d{4})(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])$/;

/**
 * A cell of someone else's table (an uploaded list, say) shown beside a masked ID number: ID numbers in it are
 * masked, and a birth date (a column named 出生…/生日/birth) is cut to its year.
 */
export function besideMaskedId(header: string, value: string): string {
  const v = value.replace(ID_LIKE, (m) => maskIdNumber(m));
  if (/出生|生日|birth/i.test(header)) {
    const m = DATE_LIKE.exec(v.trim());
    if (m) return m[1] ?? m[2] ?? v;
  }
  return v;
}
