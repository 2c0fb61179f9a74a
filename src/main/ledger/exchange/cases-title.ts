// Ledgers kept one per category (特困供养人员花名册, 城市低保花名册) often have no 保障类别 column: the category is in the
// sheet's title above the header, in the sheet's name or in the file's name. When exactly one category is named
// there, it is the category of every household of the sheet (the preview says where it was read); otherwise the
// column is missing, as before.
import type { CellValue } from './cells';
import { text } from './values';

const CATEGORY_WORDS: [RegExp, string][] = [
  [/低保边缘/, '低保边缘'],
  [/低保|最低生活保障/, '低保'],
  [/特困|五保|供养人员/, '特困'],
  [/临时救助/, '临时救助'],
  [/刚性支出/, '刚性支出'],
  [/困难残疾人生活补贴/, '困难残疾人生活补贴'],
  [/重度残疾人护理补贴/, '重度残疾人护理补贴'],
  [/事实无人抚养|事实孤儿/, '事实无人抚养儿童'],
  [/孤儿/, '孤儿'],
];

/** The one category a title names, as a label the 保障类别 reader takes (城市低保, 农村特困（集中）); else null. */
export function categoryInTitle(title: string): string | null {
  // Longer names first, each taken out once found, so 低保边缘 is not also 低保, nor 事实孤儿 also 孤儿.
  let s = title.replace(/\s/g, '');
  const found: string[] = [];
  for (const [re, label] of CATEGORY_WORDS) {
    if (!re.test(s)) continue;
    found.push(label);
    s = s.replace(new RegExp(re.source, 'g'), '');
  }
  if (found.length !== 1) return null;
  // 城乡 only where the title says 城市/城镇 or 农村 (a title starting with 城东街道 says nothing about it).
  const area =
    /城市|城镇/.test(title) && !/农村/.test(title)
      ? '城市'
      : /农村/.test(title) && !/城市|城镇/.test(title)
        ? '农村'
        : '';
  const mode =
    /集中供养/.test(title) && !/分散/.test(title)
      ? '（集中）'
      : /分散供养/.test(title) && !/集中/.test(title)
        ? '（分散）'
        : '';
  return `${area}${found[0]}${found[0] === '特困' ? mode : ''}`;
}

/**
 * Where a sheet without a 保障类别 column names its category: the lines above its header, its name, then the file's
 * name — the first that names exactly one. `from` says which, for the preview.
 */
export function sheetCategory(
  titleRows: CellValue[][],
  sheetName: string,
  fileName: string | undefined,
): { label: string; from: string } | null {
  const title = titleRows
    .map((cells) => cells.map((c) => text(c)).join(' '))
    .join(' ')
    .trim();
  const sources: [string, string][] = [
    [title, `标题「${title}」`],
    [sheetName, `工作表名「${sheetName}」`],
    [fileName ?? '', `文件名「${fileName ?? ''}」`],
  ];
  for (const [t, from] of sources) {
    const label = t === '' ? null : categoryInTitle(t);
    if (label !== null) return { label, from };
  }
  return null;
}
