// The zh-CN labels for every enum a clerk sees (STYLE.md: labels live in one table). To add an enum, add one
// entry to `labels`: `myKind: { value: '标签', … }`. Stored values stay English; only this table is Chinese.
// Pure: no Node or DOM.

export const labels = {
  /** 保障类别 */
  caseCategory: {
    dibao: '最低生活保障',
    tekun: '特困人员救助供养',
    bianyuan: '低保边缘家庭',
    linshi: '临时救助',
    gangxing: '刚性支出困难家庭',
    canji_living: '困难残疾人生活补贴',
    canji_care: '重度残疾人护理补贴',
    guer: '孤儿',
    wurenfuyang: '事实无人抚养儿童',
  },
  /** 城乡 */
  area: { urban: '城市', rural: '农村' },
  role: { admin: '管理员', reviewer: '审核人', clerk: '经办人' },
  /** 供养方式 (特困) */
  supportMode: { centralized: '集中供养', dispersed: '分散供养' },
  /** 照料护理等级 (特困) */
  careGrade: { full: '全护理', partial: '半护理', none: '全自理' },
  /** 临时救助类型 */
  linshiType: { emergency: '急难型', expenditure: '支出型' },
  labourCapacity: { full: '有劳动能力', partial: '部分丧失劳动能力', none: '完全丧失劳动能力' },
  /** 生活自理能力 */
  selfCare: { able: '具备生活自理能力', partial: '部分丧失', unable: '完全丧失' },
  caseStatus: {
    applied: '已申请',
    investigating: '调查中',
    preliminary: '已初审',
    publicizing: '公示中',
    reviewing: '待审核确认',
    active: '在保',
    rejected: '不予确认',
    withdrawn: '已撤回',
    stopped: '已停保',
  },
  /** 健康状况 */
  health: { healthy: '健康', chronic: '慢性病', serious: '重特大疾病' },
  sex: { M: '男', F: '女' },
  /** 与户主关系: stored as the Chinese text itself, so value = label. */
  relation: {
    户主: '户主',
    配偶: '配偶',
    子: '子',
    女: '女',
    父亲: '父亲',
    母亲: '母亲',
    孙子女: '孙子女',
    兄弟姐妹: '兄弟姐妹',
    其他: '其他',
  },
  /** 致贫原因 */
  povertyCause: {
    illness: '疾病',
    disability: '残疾',
    education: '因学',
    disaster: '灾害',
    no_labour: '缺乏劳动力',
    other: '其他',
  },
} as const satisfies Record<string, Record<string, string>>;

export type LabelKind = keyof typeof labels;
/** The stored values of one enum, e.g. LabelValue<'area'> = 'urban' | 'rural'. */
export type LabelValue<K extends LabelKind> = keyof (typeof labels)[K] & string;

/**
 * The Chinese label of a stored value. Null/undefined give '' (an empty cell); a value the table does not know
 * is shown as-is rather than hidden, so bad data stays visible.
 */
export function label<K extends LabelKind>(
  kind: K,
  value: LabelValue<K> | (string & Record<never, never>) | null | undefined,
): string {
  if (value === null || value === undefined) return '';
  const table: Readonly<Record<string, string>> = labels[kind];
  return Object.hasOwn(table, value) ? (table[value] ?? value) : value;
}

/** The values of one enum with their labels, in table order — for selects and filters. */
export function labelOptions<K extends LabelKind>(kind: K): { value: LabelValue<K>; label: string }[] {
  const table: Readonly<Record<string, string>> = labels[kind];
  return Object.entries(table).map(([value, text]) => ({ value: value as LabelValue<K>, label: text }));
}

/**
 * The stored value for a label or a value typed in a spreadsheet ("农村" -> 'rural', "rural" -> 'rural'), after
 * trimming and folding full-width spaces; null when it matches nothing.
 */
export function valueOfLabel<K extends LabelKind>(kind: K, text: string): LabelValue<K> | null {
  const t = text.replace(/[\s\u3000]+/gu, '');
  const table: Readonly<Record<string, string>> = labels[kind];
  for (const [value, name] of Object.entries(table)) {
    if (name === t || value === t) return value as LabelValue<K>;
  }
  return null;
}
