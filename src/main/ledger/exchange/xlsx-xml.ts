// The XML side of the .xlsx reader (xlsx-stream.ts): a tokeniser that works across chunk boundaries, and the
// sheet parser that turns a sheet's XML into rows of raw cells (shared-string indexes and styled numbers are resolved
// by the reader once the workbook's shared strings and styles are known).
import type { CellValue } from './cells';

export type RawCell = CellValue | { sst: number } | { num: number; style: number };

const ENTITY: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML text -> string: entities, numeric references, and OOXML's _xHHHH_ escapes (e.g. _x000D_ for a CR). */
export function unescapeXml(s: string): string {
  if (s.includes('&')) {
    s = s.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (m, e: string) => {
      if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
      if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
      return ENTITY[e] ?? m;
    });
  }
  if (s.includes('_x')) s = s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return s;
}

export function attr(tag: string, name: string): string | null {
  const i = tag.indexOf(` ${name}="`);
  if (i < 0) return null;
  const start = i + name.length + 3;
  const end = tag.indexOf('"', start);
  return end < 0 ? null : tag.slice(start, end);
}

function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

/**
 * Feeds decoded XML text to `onTag` (the text between < and >) and `onText` (character data), across chunk
 * boundaries. Good enough for SpreadsheetML, whose attribute values never hold a raw '>'.
 */
export class XmlTokens {
  private buf = '';
  constructor(
    private readonly onTag: (tag: string) => void,
    private readonly onText: (text: string) => void,
  ) {}
  feed(chunk: string): void {
    const buf = this.buf + chunk;
    let pos = 0;
    for (;;) {
      const lt = buf.indexOf('<', pos);
      if (lt < 0) {
        if (pos < buf.length) this.onText(buf.slice(pos));
        pos = buf.length;
        break;
      }
      if (lt > pos) this.onText(buf.slice(pos, lt));
      const gt = buf.indexOf('>', lt);
      if (gt < 0) {
        pos = lt;
        break;
      }
      this.onTag(buf.slice(lt + 1, gt));
      pos = gt + 1;
    }
    this.buf = buf.slice(pos);
  }
}

export const localName = (tag: string): string => {
  let end = 0;
  while (end < tag.length && tag[end] !== ' ' && tag[end] !== '/' && tag[end] !== '\t' && tag[end] !== '\n') end++;
  const name = tag.slice(0, end);
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
};

/** A sheet's XML, tokenised into rows of raw cells; rows without a value are dropped as they end. */
export class SheetParser {
  readonly rows: { rowNumber: number; cells: RawCell[] }[] = [];
  private readonly tokens: XmlTokens;
  private rowNumber = 0;
  private cells: RawCell[] = [];
  private hasValue = false;
  private col = -1;
  private type: string | null = null;
  private style = 0;
  private formula = false;
  private capture: 'v' | 't' | null = null;
  private inPhonetic = false;
  private text = '';
  private value: string | null = null;
  /** Non-empty rows and all cell elements seen (styled empty ones included). */
  cellsSeen = 0;
  valueCells = 0;

  constructor(
    private readonly limits: { maxColumns: number; maxRows: number; maxCells: number },
    private readonly fail: (what: 'rows' | 'cells') => never,
  ) {
    this.tokens = new XmlTokens(
      (t) => this.tag(t),
      (s) => {
        if (this.capture !== null && !this.inPhonetic) this.text += s;
      },
    );
  }

  feed(chunk: string): void {
    this.tokens.feed(chunk);
  }

  private tag(t: string): void {
    if (t.startsWith('?') || t.startsWith('!')) return;
    const closing = t.startsWith('/');
    const name = localName(closing ? t.slice(1) : t);
    const selfClosing = t.endsWith('/');
    switch (name) {
      case 'row':
        if (closing) this.endRow();
        else {
          const r = attr(t, 'r');
          this.rowNumber = r ? Number(r) : this.rowNumber + 1;
          this.cells = [];
          this.hasValue = false;
          this.col = -1;
          if (selfClosing) this.endRow();
        }
        break;
      case 'c':
        if (closing) this.endCell();
        else {
          this.cellsSeen++;
          if (this.cellsSeen > this.limits.maxCells) this.fail('cells');
          if (selfClosing) {
            // <c r="B7" s="3"/>: a styled empty cell (the bulk of a sheet formatted far below its data).
            this.col++;
            break;
          }
          const r = attr(t, 'r');
          this.col = r ? columnIndex(r) : this.col + 1;
          this.type = attr(t, 't');
          this.style = Number(attr(t, 's') ?? 0);
          this.formula = false;
          this.value = null;
          this.text = '';
          if (selfClosing) this.endCell();
        }
        break;
      case 'f':
        if (!closing) this.formula = true;
        break;
      case 'v':
      case 't':
        if (closing) {
          if (name === 'v') this.value = (this.value ?? '') + this.text;
          else if (this.capture === 't') this.value = (this.value ?? '') + this.text;
          this.capture = null;
        } else if (!selfClosing) {
          this.capture = name;
          this.text = '';
        }
        break;
      case 'rPh':
        this.inPhonetic = !closing && !selfClosing;
        break;
      default:
    }
  }

  private endCell(): void {
    const c = this.col;
    if (c < 0 || c >= this.limits.maxColumns) return;
    const raw = this.value;
    let v: RawCell = null;
    if (raw === null) {
      v = this.formula
        ? { problem: '单元格是公式且没有计算结果，请在 Excel 中把该列“复制→选择性粘贴为数值”后重新导入' }
        : null;
    } else {
      switch (this.type) {
        case 's':
          v = { sst: Number(raw) };
          break;
        case 'inlineStr':
        case 'str':
          v = unescapeXml(raw);
          break;
        case 'b':
          v = raw === '1';
          break;
        case 'e':
          v = { problem: `单元格是错误值 ${unescapeXml(raw)}` };
          break;
        case 'd': {
          const d = new Date(raw);
          v = Number.isNaN(d.getTime()) ? { problem: '日期无效' } : d;
          break;
        }
        default: {
          const n = Number(raw);
          v = raw.trim() === '' ? null : Number.isFinite(n) ? { num: n, style: this.style } : unescapeXml(raw);
        }
      }
    }
    if (v === null || (typeof v === 'string' && v.trim() === '')) return;
    while (this.cells.length < c) this.cells.push(null);
    this.cells[c] = v;
    this.hasValue = true;
  }

  private endRow(): void {
    if (!this.hasValue) return;
    this.valueCells += this.cells.length;
    this.rows.push({ rowNumber: this.rowNumber, cells: this.cells });
    if (this.rows.length > this.limits.maxRows) this.fail('rows');
    this.cells = [];
    this.hasValue = false;
  }
}
