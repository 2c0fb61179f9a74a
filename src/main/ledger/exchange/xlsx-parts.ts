// The small parts of an .xlsx the reader (xlsx-stream.ts) needs besides the sheets: shared strings, which styles
// show dates, and the sheets' names and order from the workbook and its relationships.
import { attr, localName, unescapeXml, XmlTokens } from './xlsx-xml';

/** Shared strings: each <si>'s <t> runs joined, phonetic runs (<rPh>) left out. */
export function parseSharedStrings(xml: string): string[] {
  const out: string[] = [];
  let current: string | null = null;
  let inT = false;
  let inPhonetic = false;
  let text = '';
  new XmlTokens(
    (t) => {
      const closing = t.startsWith('/');
      const name = localName(closing ? t.slice(1) : t);
      const selfClosing = t.endsWith('/');
      if (name === 'si') {
        if (closing) {
          out.push(unescapeXml(current ?? ''));
          current = null;
        } else {
          current = '';
          if (selfClosing) {
            out.push('');
            current = null;
          }
        }
      } else if (name === 'rPh') inPhonetic = !closing && !selfClosing;
      else if (name === 't') {
        if (closing) {
          if (inT && !inPhonetic && current !== null) current += text;
          inT = false;
        } else if (!selfClosing) {
          inT = true;
          text = '';
        }
      }
    },
    (s) => {
      if (inT) text += s;
    },
  ).feed(xml);
  return out;
}

// Built-in number formats that are dates (ECMA-376 18.8.30, with the CJK ids 27-36 and 50-58).
export const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56,
  57, 58,
]);

export function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '');
  return /[ymdhs]/i.test(bare) && !/^(general|@)$/i.test(bare.trim());
}

/** Which cell style ids (s="…") show a date. */
export function dateStyles(xml: string | undefined): Set<number> {
  const dates = new Set<number>();
  if (!xml) return dates;
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<(?:\w+:)?numFmt\b[^>]*>/g)) {
    const id = attr(m[0], 'numFmtId');
    const code = attr(m[0], 'formatCode');
    if (id !== null && code !== null) custom.set(Number(id), unescapeXml(code));
  }
  const xfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(xml)?.[1] ?? '';
  let i = 0;
  for (const m of xfs.matchAll(/<(?:\w+:)?xf\b[^>]*>/g)) {
    const id = Number(attr(m[0], 'numFmtId') ?? 0);
    const code = custom.get(id);
    if (code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id)) dates.add(i);
    i++;
  }
  return dates;
}

export function excelDate(serial: number, date1904: boolean): Date {
  const days = date1904 ? serial + 24107 : serial - 25569; // days since 1970-01-01
  return new Date(Math.round(days * 86_400_000));
}

/** Sheets in workbook order with their part paths, from xl/workbook.xml and its relationships. */
export function sheetOrder(workbook: string, rels: string): { name: string; path: string }[] {
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const id = attr(m[0], 'Id');
    const target = attr(m[0], 'Target');
    if (id && target) {
      const path = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
      targets.set(id, path.replace(/\/[^/]+\/\.\.\//g, '/'));
    }
  }
  const out: { name: string; path: string }[] = [];
  for (const m of workbook.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const name = attr(m[0], 'name');
    const rid = /\sr:id="([^"]+)"/.exec(m[0])?.[1] ?? attr(m[0], 'id');
    const path = rid ? targets.get(rid) : undefined;
    if (name !== null && path) out.push({ name: unescapeXml(name), path });
  }
  return out;
}
