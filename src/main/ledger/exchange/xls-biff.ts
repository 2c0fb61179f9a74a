// A BIFF8 cell reader for the import: one pass over the workbook stream that keeps only the cell values of each
// worksheet, as the import sees them (text, number, date, true/false, or a problem) — no workbook model, no cell
// objects, no formats kept. What it reads: the workbook globals (BOF, FILEPASS, DATEMODE, FORMAT, XF, BOUNDSHEET,
// SST with its CONTINUE records) and each worksheet's LABELSST, LABEL, RSTRING, NUMBER, RK, MULRK, FORMULA (its
// cached result, with the STRING record after it) and BOOLERR; BLANK and MULBLANK hold nothing. A number in a cell
// whose format shows a date becomes a date by the .xlsx reader's rules (xlsx-parts.ts), so one rule holds for both.
// What it does not read returns null (BIFF5 and older, an encrypted workbook): SheetJS reads those (xls.ts).
import type { CellValue, ReadLimits } from './cells';
import { XlsDamaged } from './xls-cfb';
import { Records, rkNumber } from './xls-records';
import { BUILTIN_DATE_FORMATS, excelDate, isDateFormat } from './xlsx-parts';

const BOF = 0x0809;
const EOF = 0x000a;
/** Excel's error values by their BIFF code ([MS-XLS] 2.5.10). */
export const BIFF_ERRORS: Record<number, string> = {
  0x00: '#NULL!',
  0x07: '#DIV/0!',
  0x0f: '#VALUE!',
  0x17: '#REF!',
  0x1d: '#NAME?',
  0x24: '#NUM!',
  0x2a: '#N/A',
  0x2b: '#GETTING_DATA',
};

/** A worksheet's rows as read: rows[r][c] for 0-based row r and column c; holes are empty cells. */
export interface BiffSheet {
  name: string;
  rows: (CellValue | undefined)[][];
}

interface Globals {
  date1904: boolean;
  /** Per XF record: its number format shows a date. */
  dateXf: boolean[];
  sst: CellValue[];
  sheets: { name: string; offset: number }[];
}

const errorCell = (code: number): CellValue => ({
  problem: `单元格是错误值 ${BIFF_ERRORS[code] ?? ''}`.trim(),
});

/** The workbook globals, or null when this reader leaves the file to SheetJS (not BIFF8, encrypted). */
function readGlobals(buf: Buffer, text: (s: string) => CellValue): Globals | null {
  const recs = new Records(buf, 0);
  if (!recs.next() || recs.type !== BOF || recs.u16(recs.start) !== 0x0600 || recs.u16(recs.start + 2) !== 0x0005) {
    return null;
  }
  const formats = new Map<number, string>();
  const xfFormats: number[] = [];
  const g: Globals = { date1904: false, dateXf: [], sst: [], sheets: [] };
  while (recs.next()) {
    const at = recs.start;
    const type: number = recs.type; // (narrowed to BOF by the test above, for TypeScript)
    switch (type) {
      case EOF: {
        g.dateXf = xfFormats.map((f) => {
          if (f === 0) return false;
          const code = formats.get(f);
          return code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(f);
        });
        return g;
      }
      case 0x002f: // FILEPASS: encrypted (SheetJS decrypts the default-password kind, or says it is protected)
        return null;
      case 0x0022: // DATEMODE
        g.date1904 = recs.u16(at) === 1;
        break;
      case 0x041e: {
        // FORMAT
        const c = recs.cursor();
        const id = c.u16();
        formats.set(id, c.text(2));
        break;
      }
      case 0x00e0: // XF
        xfFormats.push(recs.u16(at + 2));
        break;
      case 0x0085: {
        // BOUNDSHEET8: where the sheet's substream starts, and its name
        const offset = recs.u32(at);
        const c = recs.cursor();
        c.skip(6);
        g.sheets.push({ name: c.text(1), offset });
        break;
      }
      case 0x00fc: {
        // SST: every shared string, across its CONTINUE records
        const c = recs.cursor();
        c.skip(4);
        const unique = c.u32();
        for (let i = 0; i < unique && c.more(); i++) g.sst.push(text(c.richText()));
        break;
      }
      default:
        break;
    }
  }
  throw new XlsDamaged('工作簿的全局信息没有结束标记，文件不完整');
}

function readSheet(
  buf: Buffer,
  sheet: { name: string; offset: number },
  g: Globals,
  limits: ReadLimits,
  text: (s: string) => CellValue,
): BiffSheet {
  const rows: (CellValue | undefined)[][] = [];
  const maxColumns = limits.maxColumns;
  const put = (r: number, c: number, v: CellValue): void => {
    if (c < maxColumns) (rows[r] ??= [])[c] = v;
  };
  const num = (v: number, xf: number): CellValue => (g.dateXf[xf] === true ? excelDate(v, g.date1904) : v);
  if (sheet.offset + 4 > buf.length) throw new XlsDamaged('文件不完整，找不到该工作表的数据', sheet.name);
  const recs = new Records(buf, sheet.offset);
  recs.next();
  if (recs.type !== BOF) throw new XlsDamaged('工作表的起始位置无效', sheet.name);
  // A chart sheet, macro sheet or VBA module holds no cells for the import: an empty sheet, as SheetJS has it.
  const worksheet = recs.u16(recs.start + 2) === 0x0010;
  let depth = 1;
  /** A formula whose cached result is text: its STRING record comes next. */
  let pending: { r: number; c: number } | null = null;
  let lastRow = 0;
  try {
    while (recs.next()) {
      const type: number = recs.type;
      if (type === BOF) {
        depth++;
        continue;
      }
      if (type === EOF) {
        if (--depth === 0) return { name: sheet.name, rows: worksheet ? rows : [] };
        continue;
      }
      if (depth !== 1 || !worksheet) continue;
      const at = recs.start;
      switch (type) {
        case 0x00fd: {
          // LABELSST
          const r = (lastRow = recs.u16(at));
          const i = recs.u32(at + 6);
          const v = g.sst[i];
          if (v === undefined) throw new XlsDamaged(`第 ${r + 1} 行引用了不存在的共享字符串`, sheet.name);
          put(r, recs.u16(at + 2), v);
          break;
        }
        case 0x0203: // NUMBER
          lastRow = recs.u16(at);
          put(lastRow, recs.u16(at + 2), num(recs.f64(at + 6), recs.u16(at + 4)));
          break;
        case 0x027e: // RK
          lastRow = recs.u16(at);
          put(lastRow, recs.u16(at + 2), num(rkNumber(recs.u32(at + 6)), recs.u16(at + 4)));
          break;
        case 0x00bd: {
          // MULRK: a run of RK cells in one row
          const r = (lastRow = recs.u16(at));
          const first = recs.u16(at + 2);
          const count = (recs.end - at - 6) / 6;
          for (let i = 0; i < count; i++) {
            const p = at + 4 + i * 6;
            put(r, first + i, num(rkNumber(recs.u32(p + 2)), recs.u16(p)));
          }
          break;
        }
        case 0x0204: // LABEL
        case 0x00d6: {
          // RSTRING (formatting runs after the text are passed over)
          lastRow = recs.u16(at);
          put(lastRow, recs.u16(at + 2), text(recs.textAt(at + 6)));
          break;
        }
        case 0x0006: {
          // FORMULA: only the result Excel saved with it
          const r = (lastRow = recs.u16(at));
          const col = recs.u16(at + 2);
          if (recs.u16(at + 12) !== 0xffff) put(r, col, num(recs.f64(at + 6), recs.u16(at + 4)));
          else {
            const kind = recs.buf[at + 6];
            const value = recs.buf[at + 8] ?? 0;
            if (kind === 0) pending = { r, c: col };
            else if (kind === 1) put(r, col, value !== 0);
            else if (kind === 2) put(r, col, errorCell(value));
            else if (kind === 3) put(r, col, text(''));
          }
          break;
        }
        case 0x0207: {
          // STRING: the text result of the formula just before
          const c = recs.cursor();
          if (pending) put(pending.r, pending.c, text(c.text(2)));
          pending = null;
          break;
        }
        case 0x0205: {
          // BOOLERR
          lastRow = recs.u16(at);
          const v = recs.buf[at + 6] ?? 0;
          put(lastRow, recs.u16(at + 2), recs.buf[at + 7] === 1 ? errorCell(v) : v === 1);
          break;
        }
        default:
          break;
      }
    }
  } catch (e) {
    if (e instanceof XlsDamaged && e.sheet === undefined) {
      throw new XlsDamaged(`${e.detail}（读到第 ${lastRow + 1} 行附近）`, sheet.name);
    }
    throw e;
  }
  throw new XlsDamaged(`文件不完整，工作表在第 ${lastRow + 1} 行附近中断`, sheet.name);
}

/**
 * The worksheets of a BIFF8 workbook stream, in workbook order, or null when this reader leaves the file to SheetJS.
 * `text` turns each text cell into what the import keeps (a too-long or garbled text becomes a problem).
 */
export function readBiff8(buf: Buffer, limits: ReadLimits, text: (s: string) => CellValue): BiffSheet[] | null {
  const g = readGlobals(buf, text);
  if (g === null) return null;
  return g.sheets.map((s) => readSheet(buf, s, g, limits, text));
}
