import type { StoredArticle } from '../src/articles/types.ts';

/** Deterministic generator of realistic Chinese financial news for the search benchmark. */
export function createRandom(seed: number) {
  let s = seed >>> 0;
  const next = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  return { next, int, pick };
}
type Random = ReturnType<typeof createRandom>;

const COMPANIES: Array<[string, string]> = [
  ['贵州茅台', '600519'],
  ['五粮液', '000858'],
  ['宁德时代', '300750'],
  ['比亚迪', '002594'],
  ['招商银行', '600036'],
  ['中国平安', '601318'],
  ['中国人寿', '601628'],
  ['工商银行', '601398'],
  ['隆基绿能', '601012'],
  ['迈瑞医疗', '300760'],
  ['恒瑞医药', '600276'],
  ['海天味业', '603288'],
  ['美的集团', '000333'],
  ['格力电器', '000651'],
  ['中信证券', '600030'],
  ['东方财富', '300059'],
  ['紫金矿业', '601899'],
  ['万华化学', '600309'],
  ['长江电力', '600900'],
  ['中国石油', '601857'],
  ['药明康德', '603259'],
  ['立讯精密', '002475'],
  ['海康威视', '002415'],
  ['京东方A', '000725'],
  ['兴业银行', '601166'],
  ['平安银行', '000001'],
  ['泸州老窖', '000568'],
  ['山西汾酒', '600809'],
  ['中芯国际', '688981'],
  ['北方华创', '002371'],
  ['阳光电源', '300274'],
  ['三一重工', '600031'],
];
const CITIES = [
  '江苏',
  '浙江',
  '广东',
  '深圳',
  '上海',
  '北京',
  '湖南',
  '四川',
  '福建',
  '山东',
  '安徽',
  '湖北',
  '天津',
  '重庆',
  '河南',
  '江西',
  '云南',
  '陕西',
  '辽宁',
  '吉林',
  '广西',
  '贵州',
  '海南',
  '宁夏',
];
const CORE = '华金恒泰鑫源达盛兴宏瑞丰隆昌鼎祥富安康德利凯润博远嘉卓越新海汇通联创科';
const SUFFIX = ['科技', '股份', '控股', '集团', '电子', '材料', '医药', '能源', '智能', '环保'];

/** ~3,000 less famous listed companies: the selective queries of the benchmark */
export const MINOR_COMPANIES: Array<[string, string]> = (() => {
  const r = createRandom(7);
  const seen = new Set<string>();
  const out: Array<[string, string]> = [];
  while (out.length < 3000) {
    const name = r.pick(CITIES) + r.pick([...CORE]) + r.pick([...CORE]) + r.pick(SUFFIX);
    if (seen.has(name)) continue;
    seen.add(name);
    const base = r.pick([600000, 601000, 603000, 688000, 300000, 301000, 2000]);
    out.push([name, String(base + out.length).padStart(6, '0')]);
  }
  return out;
})();

const SECTORS = [
  '白酒',
  '新能源',
  '半导体',
  '医药',
  '银行',
  '券商',
  '保险',
  '光伏',
  '锂电池',
  '消费电子',
  '房地产',
  '汽车',
  '有色金属',
  '煤炭',
  '军工',
  '人工智能',
  '算力',
  '创新药',
  '家电',
  '基建',
];
const INDEXES = ['上证指数', '深证成指', '创业板指', '科创50', '沪深300', '恒生指数', '北证50'];
const REGULATORS = [
  '中国人民银行',
  '证监会',
  '国家金融监督管理总局',
  '财政部',
  '国家发展改革委',
  '国务院常务会议',
];
const POLICIES = [
  '降准',
  '降息',
  '专项债',
  '稳增长政策',
  '货币政策',
  '财政政策',
  '资本市场改革',
  '注册制',
  '中长期资金入市',
  '房地产调控',
  '消费刺激措施',
  '设备更新',
  '普惠金融',
  '跨境资金流动管理',
];
const VERBS = ['加大', '优化', '落实', '推进', '完善', '强化', '统筹', '稳步实施'];
const GOALS = [
  '保持流动性合理充裕',
  '支持实体经济发展',
  '防范化解金融风险',
  '提振市场信心',
  '促进经济回升向好',
  '稳定市场预期',
  '推动高质量发展',
];
const TRENDS = ['午后拉升', '震荡走弱', '持续活跃', '高开低走', '集体回调', '领涨两市', '资金净流入明显'];
const REASONS = [
  '业绩预期改善',
  '政策利好持续释放',
  '估值处于历史低位',
  '外资持续加仓',
  '行业景气度回升',
  '产品价格上涨',
  '海外需求回暖',
];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红文辉斌宇浩凯鹏';
const EVENTS = ['业绩说明会', '股东大会', '投资者交流会', '行业论坛', '新闻发布会'];
const STATEMENTS = [
  '公司将继续聚焦主业',
  '今年经营目标有信心完成',
  '海外市场拓展进展顺利',
  '研发投入将保持较高强度',
  '分红比例有望进一步提升',
  '产能建设按计划推进',
];

const pct = (r: Random) => `${r.int(0, 12)}.${r.int(0, 99).toString().padStart(2, '0')}`;
const money = (r: Random) => `${r.int(1, 9999)}.${r.int(0, 99)}`;
const name = (r: Random) =>
  r.pick([...SURNAMES]) + r.pick([...GIVEN]) + (r.next() < 0.5 ? r.pick([...GIVEN]) : '');
const updown = (r: Random) => r.pick(['上涨', '下跌', '增长', '下降']);

const company = (r: Random): [string, string] =>
  r.next() < 0.4 ? r.pick(COMPANIES) : r.pick(MINOR_COMPANIES);

function sentence(r: Random): string {
  const [co, code] = company(r);
  switch (r.int(0, 7)) {
    case 0:
      return `${co}（${code}）${r.int(1, 12)}月${r.int(1, 28)}日晚间公告称，公司前三季度实现营业收入${money(r)}亿元，同比${updown(r)}${pct(r)}%，归母净利润${money(r)}亿元。`;
    case 1:
      return `${r.pick(REGULATORS)}表示，将${r.pick(VERBS)}${r.pick(POLICIES)}，${r.pick(GOALS)}。`;
    case 2:
      return `截至收盘，${r.pick(INDEXES)}${updown(r)}${pct(r)}%，报${r.int(2000, 12000)}.${r.int(10, 99)}点，两市成交额${money(r)}亿元。`;
    case 3:
      return `${r.pick(SECTORS)}板块${r.pick(TRENDS)}，分析人士认为主要受益于${r.pick(REASONS)}。`;
    case 4:
      return `${co}董事长${name(r)}在${r.pick(EVENTS)}上表示，${r.pick(STATEMENTS)}。`;
    case 5:
      return `数据显示，${r.int(1, 12)}月份北向资金净买入${money(r)}亿元，其中${co}获加仓${r.int(100, 9999)}万股。`;
    case 6:
      return `${r.pick(POLICIES)}落地后，市场预计将释放长期资金约${r.int(1000, 12000)}亿元，${r.pick(SECTORS)}和${r.pick(SECTORS)}有望受益。`;
    default:
      return `${name(r)}指出，当前A股市场${r.pick(SECTORS)}估值约为${r.int(8, 80)}倍市盈率，${r.pick(REASONS)}。`;
  }
}

function title(r: Random): string {
  const [co, code] = company(r);
  return r.pick([
    `${co}(${code})：前三季度净利润同比${updown(r)}${pct(r)}%`,
    `${r.pick(REGULATORS)}：${r.pick(VERBS)}${r.pick(POLICIES)}`,
    `${r.pick(SECTORS)}板块${r.pick(TRENDS)} ${co}涨超${r.int(2, 10)}%`,
    `${r.pick(INDEXES)}${updown(r)}${pct(r)}% 两市成交${money(r)}亿元`,
  ]);
}

export const SOURCES = Array.from({ length: 60 }, (_, i) => `source${i}`);

/** article `seq` (1-based), ~1,200 characters, published in seq order over `spanDays` */
export function generateArticle(
  r: Random,
  seq: number,
  total: number,
  now: number,
  spanDays: number,
): StoredArticle {
  const paragraphs: string[] = [];
  let length = 0;
  const target = r.int(1000, 1400);
  while (length < target) {
    let p = '';
    const n = r.int(2, 5);
    for (let i = 0; i < n; i++) p += sentence(r);
    paragraphs.push(p);
    length += p.length;
  }
  const publishedAt = now - spanDays * 86_400_000 * (1 - seq / total);
  const category = r.pick(SOURCES);
  const twin = seq > 1 && r.next() < 0.05;
  return {
    id: `${category}/${seq}`,
    url: `https://finews.example/${category}/${seq}.html`,
    category,
    source: category,
    title: title(r),
    publishedAt,
    paragraphs,
    digest: null,
    attribution: null,
    sourceLink: null,
    images: [],
    storyKey: twin ? `story-${seq - 1}` : `story-${seq}`,
    seq,
    summary: '',
    fetchedAt: publishedAt,
  };
}

/**
 * The queries bench:search and bench:search-pg both time, by kind: terms in most articles,
 * company names and codes in few, and words in none. One list, so the two benches compare.
 */
export const SEARCH_QUERIES: Record<string, string[][]> = {
  'common 2-char': [['公司'], ['市场'], ['增长'], ['资金'], ['板块'], ['指数']],
  'common 4-char': [['同比增长'], ['营业收入'], ['北向资金'], ['货币政策'], ['成交额'], ['两市成交']],
  selective: [
    [MINOR_COMPANIES[17]![0]],
    [MINOR_COMPANIES[1234]![0]],
    [MINOR_COMPANIES[99]![1]],
    [MINOR_COMPANIES[2500]![1]],
    [MINOR_COMPANIES[42]![0], '加仓'],
    [MINOR_COMPANIES[7]![0].slice(2, 4)],
  ],
  absent: [['量子纠缠'], ['zzqx'], ['不存在的词'], ['鳄']],
};
