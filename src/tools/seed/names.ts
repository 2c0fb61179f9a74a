// Names and synthetic ID numbers for the generated ledger. Nothing here describes a real person: names are drawn
// from common surnames and given-name characters, and ID numbers are made up (see syntheticIdNumber).
import { idCheckChar } from '../../shared/idcard';
import type { Rng } from './random';

/** Common surnames with rough weights (the most frequent ones first; 江苏 has many 陈/王/张/徐/朱). */
const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 70],
  ['陈', 68],
  ['张', 60],
  ['李', 55],
  ['刘', 40],
  ['徐', 38],
  ['朱', 35],
  ['周', 30],
  ['吴', 30],
  ['黄', 22],
  ['杨', 22],
  ['孙', 20],
  ['顾', 16],
  ['钱', 14],
  ['沈', 14],
  ['蒋', 12],
  ['丁', 12],
  ['高', 12],
  ['胡', 12],
  ['赵', 12],
  ['薛', 10],
  ['缪', 8],
  ['仲', 8],
  ['封', 6],
  ['卢', 8],
  ['季', 8],
  ['储', 6],
  ['管', 6],
  ['葛', 6],
  ['戴', 8],
  ['许', 10],
  ['施', 8],
  ['殷', 5],
  ['袁', 7],
  ['陆', 9],
  ['郭', 8],
  ['马', 8],
  ['何', 7],
  ['宋', 6],
  ['唐', 7],
  ['韩', 6],
  ['冯', 6],
  ['曹', 7],
  ['彭', 5],
  ['曾', 4],
  ['单', 4],
  ['严', 5],
  ['华', 4],
  ['姜', 5],
  ['于', 5],
  ['范', 5],
  ['石', 4],
  ['汪', 5],
  ['倪', 4],
  ['欧阳', 1],
  ['司马', 1],
  ['诸葛', 1],
];

const MALE_CHARS = [...'伟强军建国华明平志勇杰涛斌超刚辉林峰鹏飞宇浩俊磊文斌春生荣德永祥海宏忠福贵根宝才兴旺成'];
const FEMALE_CHARS = [...'芳娟敏静丽艳娜霞燕红梅兰英琴秀玉凤萍云华珍翠莲桂香婷雪琳慧佳欣悦颖倩洁'];
const SHARED_CHARS = [...'晓小家子思雨天嘉一新文明春秋'];

export function surname(rng: Rng): string {
  return rng.weighted(SURNAMES);
}

/** A given name of 1 or 2 characters; older people more often have two with a generational character. */
export function givenName(rng: Rng, sex: 'M' | 'F'): string {
  const chars = sex === 'M' ? MALE_CHARS : FEMALE_CHARS;
  if (rng.chance(0.3)) return rng.pick(chars);
  const first = rng.chance(0.25) ? rng.pick(SHARED_CHARS) : rng.pick(chars);
  let second = rng.pick(chars);
  if (second === first) second = rng.pick(chars);
  return first + second;
}

/**
 * Synthetic 18-digit GB 11643 numbers: region code of the township's county, the birth date, a 3-digit sequence
 * code whose parity carries the sex, and the correct check character. The sequence codes are drawn from 900–999
 * (a range chosen to make the numbers easy to recognise as generated); it is impossible to guarantee a made-up
 * number belongs to no one, so these ledgers are for testing only and say so (seed.* journal entries).
 */
export class IdNumbers {
  private readonly used = new Set<string>();

  constructor(private readonly regionCode: string) {}

  make(rng: Rng, birthDate: string, sex: 'M' | 'F'): string {
    const ymd = birthDate.replaceAll('-', '');
    for (let attempt = 0; attempt < 200; attempt++) {
      let seq = 900 + rng.int(0, 99);
      if ((seq % 2 === 1) !== (sex === 'M')) seq = seq === 999 ? 998 : seq + 1;
      const first17 = `${this.regionCode}${ymd}${seq}`;
      if (this.used.has(first17)) continue;
      this.used.add(first17);
      return first17 + idCheckChar(first17);
    }
    throw new Error(`no free synthetic ID number left for ${birthDate}`);
  }
}
