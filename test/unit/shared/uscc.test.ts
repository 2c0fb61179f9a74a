import { describe, expect, it } from 'vitest';
import { orgCodeCheckChar, parseUscc, usccCheckChar } from '../../../src/shared/uscc';

describe('parseUscc (GB 32100 + GB 11714)', () => {
  it('accepts valid codes and reads authority, kind and region', () => {
    expect(parseUscc('91320621MA1MRHG205')).toEqual({
      ok: true,
      value: '91320621MA1MRHG205',
      authority: '9',
      authorityName: '工商（市场监管）',
      kind: '企业',
      regionCode: '320621',
      orgCode: 'MA1MRHG20',
    });
    expect(parseUscc('9144030071526726XG')).toMatchObject({ ok: true, regionCode: '440300', orgCode: '71526726X' });
  });

  it('names the kind of a 民政-registered organisation', () => {
    expect(parseUscc('51110105MJ0000018D')).toMatchObject({ ok: true, authority: '5', kind: '社会团体' });
    expect(parseUscc('52110105MJ0000018A')).toMatchObject({ ok: true, authority: '5', kind: '民办非企业单位' });
    expect(parseUscc('53110105MJ00000187')).toMatchObject({ ok: true, authority: '5', kind: '基金会' });
  });

  it('names the expected check character when position 18 is wrong', () => {
    expect(parseUscc('91320621MA1MRHG207')).toEqual({
      ok: false,
      message: '校验码错误：按 GB 32100 第18位应为 5，实为 7',
    });
  });

  it('catches a broken 组织机构代码 even when the overall checksum was recomputed', () => {
    const first17 = '51110105MJ0000017'; // org check should be 8
    expect(orgCodeCheckChar('MJ000001')).toBe('8');
    const forged = first17 + usccCheckChar(first17);
    expect(parseUscc(forged)).toEqual({
      ok: false,
      message: '第9–17位组织机构代码 MJ000001-7 的校验位错误：按 GB 11714 应为 8，实为 7',
    });
  });

  it('normalises lower case, full width and spaces', () => {
    expect(parseUscc(' ９１３２０６２１ma1mrhg205 ')).toMatchObject({ ok: true, value: '91320621MA1MRHG205' });
  });

  it('explains wrong length, forbidden letters and bad 民政 categories', () => {
    expect(parseUscc('MA1MRHG20')).toEqual({
      ok: false,
      message: '统一社会信用代码应为18位，实为 9 位（9位的是旧的组织机构代码，请向单位索取18位统一社会信用代码）',
    });
    expect(parseUscc('91320621MA1MRHGI05')).toMatchObject({
      ok: false,
      message: expect.stringContaining('第 16 位「I」'),
    });
    const bad = '57110105MJ0000018';
    expect(parseUscc(bad + usccCheckChar(bad))).toMatchObject({
      ok: false,
      message: expect.stringContaining('民政登记的统一社会信用代码第2位'),
    });
    expect(parseUscc('')).toEqual({ ok: false, message: '统一社会信用代码为空' });
  });
});
