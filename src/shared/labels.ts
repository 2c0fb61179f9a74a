// The zh-CN labels for every enum a clerk sees (docs/CONVENTIONS.md: labels live in one table). To add an enum, add one
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
    applied: '已受理',
    investigating: '调查中',
    preliminary: '已初审',
    publicizing: '公示中',
    reviewing: '待审核确认',
    active: '在保',
    rejected: '不予确认',
    withdrawn: '已撤回',
    stopped: '已停保',
  },
  /** A case's next task (待办) in the worklist and on the case page; recheck and taper_end are the worklist's own. */
  dueTask: {
    investigate: '开始入户调查',
    preliminary: '完成调查和初审',
    publicize: '发布公示',
    end_publicity: '公示期满处理',
    approve: '审核确认',
    paperwork: '补办先行救助手续',
    recheck: '复核',
    taper_end: '渐退期将满',
  },
  /** How a case's monthly amount came to change (a dated amount row). */
  amountKind: {
    initial: '核定',
    increase: '增发',
    decrease: '减发',
    taper: '渐退',
    standard: '标准调整',
    correction: '更正',
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
  // ── 养老服务台账 (stations/) ──
  facilityType: {
    center: '养老服务中心',
    station: '社区养老服务站',
    mutual_aid: '农村互助养老点',
    meal_point: '助餐点/老年食堂',
    nursing_home: '敬老院/供养服务机构',
    other: '其他养老服务设施',
  },
  facilityStatus: { building: '建设中', operating: '运营中', closed: '停止运营' },
  operatingModel: { public_public: '公办公营', public_private: '公建民营', private_private: '民办民营' },
  /** 单位性质 */
  legalForm: {
    public_institution: '事业法人',
    private_non_enterprise: '民非法人',
    company: '工商法人',
    unregistered: '未登记',
  },
  /** 用房性质 */
  premises: { owned: '自有', leased: '租赁', lent: '无偿使用', other: '其他' },
  serviceItem: {
    meal: '助餐',
    bath: '助浴',
    medical: '助医',
    day_care: '日间照料',
    home_service: '上门服务',
    cleaning: '助洁',
    emergency: '助急',
    rehab: '康复护理',
    respite: '短期托养',
    culture: '文化娱乐',
  },
  licenceKind: {
    elderly_care: '养老机构备案/许可',
    food: '食品经营许可',
    medical: '医疗机构执业许可',
    fire: '消防验收/检查',
    other: '其他',
  },
  subsidyKind: { operating: '运营补贴', construction: '建设补贴', other: '其他补贴' },
  inspectionStatus: { none: '未发现隐患', open: '整改中', closed: '已整改' },
  elderlyCategory: {
    alone: '独居',
    empty_nest: '空巢',
    left_behind: '留守',
    disabled: '失能',
    severe_disability: '重残',
    family_planning: '计生特殊家庭',
  },
  riskLevel: { high: '高风险', key: '重点', general: '一般' },
  /** 儿童福利: 儿童类别 */
  childCategory: {
    orphan: '孤儿',
    de_facto: '事实无人抚养儿童',
    difficulty_illness: '困境儿童（重病）',
    difficulty_disability: '困境儿童（重残）',
    difficulty_poverty: '困境儿童（家庭经济困难）',
    difficulty_guardianship: '困境儿童（监护缺失或不当）',
    left_behind: '农村留守儿童',
  },
  /** 父母情况 */
  parentStatus: {
    present: '在家（有监护能力）',
    dead: '死亡',
    missing: '失踪/失联',
    imprisoned: '服刑在押/强制隔离戒毒',
    severe_disability: '重残',
    severe_illness: '重病',
    working_away: '外出务工',
    unknown: '不详',
  },
  /** 孤儿养育方式 */
  childPlacement: { family: '亲属抚养（散居）', institution: '机构养育（集中）', foster: '家庭寄养' },
  /** 儿童探访方式 */
  childVisitWay: { home: '入户', school: '到校', phone: '电话', video: '视频' },
  visitWay: {
    home: '上门',
    phone: '电话',
    video: '视频',
    im: '即时通讯',
    third_party: '第三方',
    volunteer: '党员志愿者结对',
    neighbour: '邻里互助',
    smart_alert: '智能预警',
  },
  // ── 社会组织 (orgs/) ──
  orgRegistry: { registered: '登记社会组织', community: '社区社会组织（备案）' },
  orgKind: { association: '社会团体', service: '社会服务机构（民办非企业单位）', foundation: '基金会' },
  /** 登记的: 正常/撤销/注销; 备案的: 正常/变更/注销. */
  orgStatus: { normal: '正常', changed: '变更', revoked: '撤销', deregistered: '注销' },
  /** 社区社会组织类型 */
  communityType: {
    culture_sports: '文体类',
    volunteer: '志愿服务类',
    elderly: '老年协会',
    mutual_aid: '互助类',
    rural_tech: '农村专业技术协会',
    charity: '公益慈善类',
    other: '其他',
  },
  /** 年检结论 */
  inspectionResult: { pass: '合格', basic: '基本合格', fail: '不合格' },
  /** How an 评估等级 ended. */
  ratingEnd: { superseded: '已被新等级取代', downgraded: '降低等级', cancelled: '取消等级', voided: '录入作废' },
  /** 登记事项 */
  orgEventKind: {
    name_change: '名称变更',
    legal_rep_change: '法定代表人变更',
    domicile_change: '住所变更',
    leader_change: '负责人变更',
    venue_change: '活动场所变更',
    penalty: '行政处罚',
    revocation: '撤销登记',
    deregistration: '注销',
  },
  /** 换届 */
  termStatus: { current: '本届在任', postponed: '延期换届', done: '已换届' },
  /** The rows of the monthly report (月报): a case category split by how it is paid. */
  reportCategory: {
    dibao: '最低生活保障',
    tekun_centralized: '特困人员（集中供养）',
    tekun_dispersed: '特困人员（分散供养）',
    linshi: '临时救助',
    bianyuan: '低保边缘家庭',
    gangxing: '刚性支出困难家庭',
    canji_living: '困难残疾人生活补贴',
    canji_care: '重度残疾人护理补贴',
    guer_centralized: '孤儿（集中养育）',
    guer_dispersed: '孤儿（社会散居）',
    wurenfuyang: '事实无人抚养儿童',
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
