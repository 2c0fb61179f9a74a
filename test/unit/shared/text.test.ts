import { describe, expect, it } from 'vitest';
import { neutralizeSpreadsheetCell, normalizeText, toHalfWidth } from '../../../src/shared/text';

describe('text', () => {
  it('folds full-width ASCII and the ideographic space', () => {
    expect(toHalfWidth('ＡＢＣ１２３（）　ｘ')).toBe('ABC123() x');
    expect(toHalfWidth('张三、李四。')).toBe('张三、李四。');
  });

  it('normalizes free text: trim, fold brackets, collapse whitespace', () => {
    expect(normalizeText('  幸福村（一组）\t 张三\n ')).toBe('幸福村(一组) 张三');
    expect(normalizeText('\u3000\u00a0王　五\u3000')).toBe('王 五');
  });

  it('neutralizes cells a spreadsheet would run as formulas', () => {
    for (const s of ['=1+1', '+86', '-2', '@SUM(A1)', '\tx', '\rx']) expect(neutralizeSpreadsheetCell(s)).toBe(`'${s}`);
    expect(neutralizeSpreadsheetCell('张三')).toBe('张三');
    expect(neutralizeSpreadsheetCell('a=b')).toBe('a=b');
    expect(neutralizeSpreadsheetCell('')).toBe('');
  });
});

it('Chinese sentence punctuation in prose is kept as typed; full-width letters, digits and brackets fold', () => {
  expect(normalizeText('会员大会决议解散，清算完毕；详见（附件）：Ａ１！？')).toBe(
    '会员大会决议解散，清算完毕；详见(附件)：A1！？',
  );
});
