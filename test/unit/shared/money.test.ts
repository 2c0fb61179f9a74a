import { describe, expect, it } from 'vitest';
import { fenToYuanNumber, formatYuan, parseYuan } from '../../../src/shared/money';

const fen = (s: string | number): number | string => {
  const r = parseYuan(s);
  return r.ok ? r.fen : r.message;
};

describe('parseYuan', () => {
  it('accepts the ways clerks write amounts', () => {
    expect(fen('1234.5')).toBe(123450);
    expect(fen('1,234.50')).toBe(123450);
    expect(fen('1234.5元')).toBe(123450);
    expect(fen('￥1234')).toBe(123400);
    expect(fen('¥ 1,234')).toBe(123400);
    expect(fen('１２３４．５')).toBe(123450);
    expect(fen('0.29')).toBe(29);
    expect(fen('1,234,567.01')).toBe(123456701);
    expect(fen('.5')).toBe(50);
    expect(fen(1234.5)).toBe(123450);
    expect(fen(0.1)).toBe(10);
  });

  it('rejects more than two decimals, bad separators and garbage, in Chinese', () => {
    expect(fen('1.234')).toBe('金额最多保留两位小数（到分），「1.234」有 3 位小数');
    expect(fen('12,34.5')).toBe('金额「12,34.5」的千分位逗号位置不对');
    expect(fen('abc')).toBe('「abc」不是有效金额');
    expect(fen('1.2.3')).toBe('「1.2.3」不是有效金额');
    expect(fen('')).toBe('金额为空');
    expect(fen('元')).toBe('金额为空');
    expect(fen(0.1 + 0.2)).toContain('最多保留两位小数');
    expect(fen('1E+20')).toContain('科学计数法');
    expect(fen('99999999999999999')).toContain('过大');
  });

  it('rejects negative amounts unless asked', () => {
    expect(fen('-12.5')).toBe('金额不能为负数：-12.5');
    expect(parseYuan('-12.5', { allowNegative: true })).toEqual({ ok: true, fen: -1250 });
  });
});

describe('formatYuan / fenToYuanNumber', () => {
  it('formats fen with thousands separators and two decimals', () => {
    expect(formatYuan(123450)).toBe('1,234.50');
    expect(formatYuan(5)).toBe('0.05');
    expect(formatYuan(0)).toBe('0.00');
    expect(formatYuan(100000000)).toBe('1,000,000.00');
    expect(formatYuan(-123450)).toBe('-1,234.50');
  });

  it('refuses non-integer fen', () => {
    expect(() => formatYuan(1.5)).toThrow(RangeError);
  });

  it('round-trips every two-decimal amount exactly', () => {
    for (let f = 0; f < 20000; f += 7) {
      expect(parseYuan(formatYuan(f))).toEqual({ ok: true, fen: f });
      expect(parseYuan(fenToYuanNumber(f))).toEqual({ ok: true, fen: f });
    }
  });
});
