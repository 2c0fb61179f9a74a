// Text folding shared by every input path (forms, spreadsheet import, search). Pure: no Node or DOM.

/** A character toHalfWidth folds: full-width ASCII or the ideographic space. */
const FULL_WIDTH = /[\uff01-\uff5e\u3000]/;

/** Folds full-width ASCII (U+FF01–U+FF5E) and the ideographic space (U+3000) to their half-width forms. */
export function toHalfWidth(s: string): string {
  if (!FULL_WIDTH.test(s)) return s; // most cells: nothing to fold, no copy
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCodePoint(code - 0xfee0);
    else if (code === 0x3000) out += ' ';
    else out += ch;
  }
  return out;
}

/** Chinese sentence punctuation that is full-width ASCII by code point but belongs in Chinese prose as typed. */
const PROSE_PUNCTUATION = /[，：；！？]/u;

/**
 * The form a clerk's free text is stored in: full-width letters, digits and brackets folded (so （） become ()),
 * trimmed, and runs of whitespace (including no-break and ideographic spaces, tabs, newlines) collapsed to one
 * space. Chinese sentence punctuation (，：；！？ and 、。“” …) is kept as typed: it is prose, not data.
 */
export function normalizeText(s: string): string {
  let out = s;
  if (FULL_WIDTH.test(s)) {
    out = '';
    for (const ch of s) out += PROSE_PUNCTUATION.test(ch) ? ch : toHalfWidth(ch);
  }
  // Without whitespace there is nothing to collapse or trim (most cells of a ledger): no copy.
  return /\s/.test(out) ? out.replace(/\s+/gu, ' ').trim() : out;
}

/** Characters that make a spreadsheet program treat a cell as a formula (CSV / formula injection). */
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

/**
 * Makes a text cell safe to write into CSV or xlsx: a value starting with = + - @, tab or CR gets a leading
 * apostrophe so the spreadsheet shows it as text instead of evaluating it. Write real numbers (amounts, counts)
 * as numeric cells, not through this function, or "-5" becomes "'-5".
 */
export function neutralizeSpreadsheetCell(s: string): string {
  const first = s.charAt(0);
  return FORMULA_TRIGGERS.has(first) ? `'${s}` : s;
}
