// The masking rule itself (src/shared/mask.ts): what stays visible of a number, and what may stand beside it.
import { describe, expect, it } from 'vitest';
import { besideMaskedId, birthYearOnly, fullIdNotice, idForExport, maskIdNumber } from '../../../src/shared/mask';

describe('maskIdNumber', () => {
  it('shows only the last 4 of an 18-digit number and the last 3 of a 15-digit one, keeping the length', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('**************002X');
    expect(maskIdNumber(' 1101 0519 4912 3100 2x ')).toBe('**************002X');
    expect(maskIdNumber('１１０１０５１９４９１２３１００２Ｘ')).toBe('**************002X');
    expect(maskIdNumber('110105491231002')).toBe('************002');
  });

  it('shows at most 2 characters of a number of another length, and nothing of a short one', () => {
    expect(maskIdNumber('11010519491231')).toBe('************31');
    expect(maskIdNumber('1101051')).toBe('*******');
    expect(maskIdNumber('')).toBe('');
    expect(maskIdNumber(null)).toBe('');
  });
});

describe('what stands beside a masked number', () => {
  it('a birth date is cut to its year', () => {
    expect(birthYearOnly('1960-05-19')).toBe('1960');
    expect(birthYearOnly(null)).toBe('');
    expect(besideMaskedId('出生日期', '1960-05-19')).toBe('1960');
    expect(besideMaskedId('出生年月日', '1960年5月19日')).toBe('1960');
    expect(besideMaskedId('生日', '19600519')).toBe('1960');
    expect(besideMaskedId('死亡日期', '2025-04-30')).toBe('2025-04-30');
  });

  it('another ID number in a cell is masked, other long numbers are left alone', () => {
    expect(besideMaskedId('配偶身份证号', '11010519491231002X')).toBe('**************002X');
    expect(besideMaskedId('备注', '户主 110105491231002 已故')).toBe('户主 ************002 已故');
    expect(besideMaskedId('银行账号', '6228480000000000001')).toBe('6228480000000000001');
  });

  it('a full-number export says what it may be used for', () => {
    expect(idForExport('11010519491231002X', true)).toBe('11010519491231002X');
    expect(idForExport('11010519491231002X', false)).toBe('**************002X');
    expect(idForExport(null, true)).toBe('');
    expect(fullIdNotice(' 银行代发 ')).toBe(
      '本文件含完整身份证号码，仅限“银行代发”使用，不得转发、复制或留存，用毕请删除',
    );
  });
});
