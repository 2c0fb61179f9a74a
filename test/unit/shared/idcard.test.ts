import { describe, expect, it } from 'vitest';
import {
  ageOn,
  idCheckChar,
  maskIdNumber,
  normalizeIdNumber,
  parseIdNumber,
  upgradeLegacyIdNumber,
} from '../../../src/shared/idcard';

const today = { today: '2025-06-30' };

describe('parseIdNumber (GB 11643)', () => {
  it('accepts the standard examples and reads birth date, sex and region', () => {
    expect(parseIdNumber('11010519491231002X', today)).toEqual({
      ok: true,
      value: '11010519491231002X',
      legacy: false,
      birthDate: '1949-12-31',
      sex: 'F',
      regionCode: '110105',
    });
    expect(parseIdNumber('440524188001010014', today)).toMatchObject({
      ok: true,
      birthDate: '1880-01-01',
      sex: 'M',
      regionCode: '440524',
    });
    expect(parseIdNumber('32021919900101003X', today)).toMatchObject({ ok: true, birthDate: '1990-01-01', sex: 'M' });
  });

  it('says the number does not check out and asks to compare it with the card, suggesting no digit', () => {
    expect(parseIdNumber('110105194912310021', today)).toEqual({
      ok: false,
      message: '校验码错误：这个号码没有通过校验（GB 11643），请与身份证原件逐位核对',
    });
    expect(parseIdNumber('320281198501010036', today)).toEqual({
      ok: false,
      message: '校验码错误：这个号码没有通过校验（GB 11643），请与身份证原件逐位核对',
    });
  });

  it('folds full-width digits, lower-case and full-width x, and inner spaces', () => {
    expect(parseIdNumber('１１０１０５１９４９１２３１００２ｘ', today)).toMatchObject({
      ok: true,
      value: '11010519491231002X',
    });
    expect(parseIdNumber(' 110105 19491231 002x ', today)).toMatchObject({ ok: true, value: '11010519491231002X' });
    expect(parseIdNumber('11010519491231002Ｘ', today)).toMatchObject({ ok: true, value: '11010519491231002X' });
    expect(normalizeIdNumber('　11010519491231002ｘ　')).toBe('11010519491231002X');
  });

  it('rejects a date that does not exist, such as 0229 in a non-leap year', () => {
    const body = '11010519490229001';
    expect(parseIdNumber(body + idCheckChar(body), today)).toEqual({ ok: false, message: '出生日期 19490229 不存在' });
    const month13 = '11010519491332001';
    expect(parseIdNumber(month13 + idCheckChar(month13), today)).toEqual({
      ok: false,
      message: '出生日期 19491332 不存在',
    });
    // 2000 was a leap year (divisible by 400), 1900 was not
    const leap = '11010520000229001';
    expect(parseIdNumber(leap + idCheckChar(leap), today)).toMatchObject({ ok: true, birthDate: '2000-02-29' });
    const legacy1900 = '110105000229001';
    expect(parseIdNumber(legacy1900, today)).toEqual({ ok: false, message: '出生日期 000229 不存在' });
  });

  it('rejects a birth date after today', () => {
    const body = '11010520300101001';
    expect(parseIdNumber(body + idCheckChar(body), today)).toEqual({
      ok: false,
      message: '出生日期 20300101 晚于今天（2025-06-30）',
    });
  });

  it('reports the length, and recognises Excel scientific notation', () => {
    expect(parseIdNumber('1101051949123100', today)).toEqual({
      ok: false,
      message: '身份证号码应为18位（或旧版15位），实为 16 位',
    });
    expect(parseIdNumber('1.10105E+17', today)).toEqual({
      ok: false,
      message: '看起来被 Excel 改成了科学计数法（1.10105E+17），原号码已丢失，请把该列设为文本后重新录入',
    });
    expect(parseIdNumber('', today)).toEqual({ ok: false, message: '身份证号码为空' });
    expect(parseIdNumber('11010519491231002Y', today)).toMatchObject({
      ok: false,
      message: expect.stringContaining('「Y」'),
    });
    expect(parseIdNumber('110105194X1231002X', today)).toMatchObject({
      ok: false,
      message: expect.stringContaining('第 10 位'),
    });
  });

  it('hints at Excel precision loss when an 18-digit number ends in 000', () => {
    const r = parseIdNumber('110105194912310000', today);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('Excel 截断');
  });

  it('accepts 15-digit legacy numbers as 19YY with legacy: true', () => {
    expect(parseIdNumber('110105491231002', today)).toEqual({
      ok: true,
      value: '110105491231002',
      legacy: true,
      birthDate: '1949-12-31',
      sex: 'F',
      regionCode: '110105',
    });
    expect(upgradeLegacyIdNumber('110105491231002')).toBe('11010519491231002X');
    expect(upgradeLegacyIdNumber('11010519491231002X')).toBeNull();
  });
});

describe('maskIdNumber', () => {
  it('keeps only the last 4 of an 18-digit number (the address code is as good as public)', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('**************002X');
    expect(maskIdNumber('11010519491231002x')).toBe('**************002X');
  });

  it('never shows the birth digits, whatever the length', () => {
    expect(maskIdNumber('110105491231002')).toBe('************002');
    for (const s of ['1101051949123100', '11010519491231002', '110105194912310', '1101051949', '19491231']) {
      const masked = maskIdNumber(s);
      expect(masked).toHaveLength(s.length);
      expect(masked).not.toMatch(/1949|491231|1231/);
    }
    expect(maskIdNumber('')).toBe('');
  });
});

describe('ageOn', () => {
  it('counts completed years, turning older on the birthday', () => {
    expect(ageOn('1949-12-31', '2025-12-30')).toBe(75);
    expect(ageOn('1949-12-31', '2025-12-31')).toBe(76);
    expect(ageOn('2000-01-01', '2000-01-01')).toBe(0);
  });

  it('a 02-29 birthday is reached on 03-01 in a non-leap year', () => {
    expect(ageOn('2000-02-29', '2023-02-28')).toBe(22);
    expect(ageOn('2000-02-29', '2023-03-01')).toBe(23);
    expect(ageOn('2000-02-29', '2024-02-29')).toBe(24);
  });

  it('refuses dates that do not exist', () => {
    expect(() => ageOn('2023-02-29', '2024-01-01')).toThrow(RangeError);
  });
});
