import type { DictionaryEntry } from './check-types.js';

type Entry = Omit<DictionaryEntry, 'id'>;

const outdated = (phrase: string, suggestion: string): Entry => ({ phrase, suggestion, category: 'outdated_name', severity: 'warn' });
const miswritten = (phrase: string, suggestion: string, severity: 'block' | 'warn' = 'warn'): Entry => ({ phrase, suggestion, category: 'miswritten', severity });
const banned = (phrase: string, suggestion: string, severity: 'block' | 'warn' = 'warn'): Entry => ({ phrase, suggestion, category: 'banned', severity });
const commercial = (phrase: string, suggestion = ''): Entry => ({ phrase, suggestion, category: 'commercial_domain', severity: 'block' });

/**
 * The dictionary a new platform starts with (seeded with the demo data; "导入初始词库" in the
 * console adds whatever is missing). Editors and administrators maintain it from there.
 *
 * Choices:
 * - Outdated institution names are warnings: an old document may rightly name the body that
 *   issued it. Names come from the 2018 State Council and Jiangsu institutional reforms and the
 *   2023 financial-regulation reform.
 * - Names that are also the start of an ordinary word carry a `{非:…}` marker
 *   (农业部 vs 农业部门, 环境保护部 vs 环境保护部门, 铁道部 vs 铁道部队, 座落 vs 这座落成,
 *   部份 vs 全部份额, 报导 vs 情报导向).
 * - Misspelt idioms that are never right are blocking; variants that are sometimes right are
 *   warnings (其它, 制订, 报导, 帐号).
 * - Left out on purpose, because the wrong form is also a substring of correct text:
 *   按装 (按装修标准, 按装配式建筑), 既使 (既使企业受益，又使群众满意), 以经 (以经济建设为中心),
 *   己经 (自己经常), 身分 (本身分为), 关健 (机关健身, 海关健全). No political terms: those belong to the people who
 *   answer for them, through the console.
 */
export const STARTER_DICTIONARY: readonly Entry[] = [
  // 国务院机构改革（2018）及后续调整
  outdated('国家工商行政管理总局', '国家市场监督管理总局'),
  outdated('国家工商总局', '国家市场监督管理总局'),
  outdated('国家质量监督检验检疫总局', '国家市场监督管理总局（出入境检验检疫：海关总署）'),
  outdated('国家质检总局', '国家市场监督管理总局'),
  outdated('国家食品药品监督管理总局', '国家市场监督管理总局（药品：国家药品监督管理局）'),
  outdated('国家食药监总局', '国家市场监督管理总局'),
  outdated('国家卫生和计划生育委员会', '国家卫生健康委员会'),
  outdated('国家卫生计生委', '国家卫生健康委'),
  outdated('国家卫计委', '国家卫生健康委'),
  outdated('国家安全生产监督管理总局', '应急管理部'),
  outdated('国家安监总局', '应急管理部'),
  outdated('国土资源部{非:门}', '自然资源部'),
  outdated('环境保护部{非:门}', '生态环境部'),
  outdated('农业部{非:门}', '农业农村部'),
  outdated('文化部{非:门}', '文化和旅游部'),
  outdated('国家旅游局', '文化和旅游部'),
  outdated('监察部{非:门}', '国家监察委员会'),
  outdated('国家预防腐败局', '国家监察委员会'),
  outdated('国务院法制办公室', '司法部'),
  outdated('国家海洋局', '自然资源部'),
  outdated('国家测绘地理信息局', '自然资源部'),
  outdated('国家林业局', '国家林业和草原局'),
  outdated('国家粮食局', '国家粮食和物资储备局'),
  outdated('国家新闻出版广电总局', '国家广播电视总局'),
  outdated('中国银行业监督管理委员会', '国家金融监督管理总局'),
  outdated('中国保险监督管理委员会', '国家金融监督管理总局'),
  outdated('中国银行保险监督管理委员会', '国家金融监督管理总局'),
  outdated('铁道部{非:队门}', '国家铁路局'),
  // 江苏省机构改革（2018–2019）
  outdated('江苏省环境保护厅', '江苏省生态环境厅'),
  outdated('江苏省国土资源厅', '江苏省自然资源厅'),
  outdated('江苏省卫生和计划生育委员会', '江苏省卫生健康委员会'),
  outdated('江苏省农业委员会', '江苏省农业农村厅'),
  outdated('江苏省文化厅', '江苏省文化和旅游厅'),
  outdated('江苏省旅游局', '江苏省文化和旅游厅'),
  outdated('江苏省经济和信息化委员会', '江苏省工业和信息化厅'),
  outdated('江苏省安全生产监督管理局', '江苏省应急管理厅'),
  outdated('江苏省工商行政管理局', '江苏省市场监督管理局'),
  outdated('江苏省质量技术监督局', '江苏省市场监督管理局'),
  outdated('江苏省食品药品监督管理局', '江苏省市场监督管理局（药品：江苏省药品监督管理局）'),
  outdated('江苏省监察厅', '江苏省监察委员会'),
  outdated('江苏省人民政府法制办公室', '江苏省司法厅'),
  outdated('江苏省物价局', '江苏省发展和改革委员会'),
  outdated('江苏省粮食局', '江苏省粮食和物资储备局'),
  outdated('江苏省地方税务局', '国家税务总局江苏省税务局'),
  outdated('江苏省国家税务局', '国家税务总局江苏省税务局'),
  outdated('江苏省新闻出版广电局', '江苏省广播电视局'),
  // 各地通用的旧称
  outdated('国土资源厅', '自然资源厅'),
  outdated('环境保护厅', '生态环境厅'),
  outdated('卫生和计划生育委员会', '卫生健康委员会'),
  outdated('卫生计生委', '卫生健康委'),
  outdated('地方税务局', '税务局'),
  outdated('安全生产监督管理局', '应急管理局'),
  outdated('工商行政管理局', '市场监督管理局'),
  outdated('质量技术监督局', '市场监督管理局'),

  // 公文常见错误写法
  miswritten('截止{日期}', '截至（表示“到某时为止”时用“截至”；“截止”表示到期停止，如“截止日期”）'),
  miswritten('其它', '其他'),
  miswritten('制订', '制定（法规、政策、标准用“制定”；计划、方案可用“制订”，请确认）'),
  miswritten('做为', '作为'),
  miswritten('登陆网站', '登录网站'),
  miswritten('登陆系统', '登录系统'),
  miswritten('登陆平台', '登录平台'),
  miswritten('登陆账号', '登录账号'),
  miswritten('登陆页面', '登录页面'),
  miswritten('帐号', '账号'),
  miswritten('帐户', '账户'),
  miswritten('{非:情预汇}报导', '报道'),
  miswritten('部份{非:额数}', '部分'),
  miswritten('座落{非:成地}', '坐落'),
  miswritten('布署', '部署', 'block'),
  miswritten('防碍', '妨碍', 'block'),
  miswritten('松驰', '松弛', 'block'),
  miswritten('重迭', '重叠'),
  miswritten('渡假', '度假', 'block'),
  miswritten('泊来品', '舶来品', 'block'),
  miswritten('二零一', '二〇一'),
  miswritten('二零二', '二〇二'),
  miswritten('因地治宜', '因地制宜', 'block'),
  miswritten('再接再励', '再接再厉', 'block'),
  miswritten('一如继往', '一如既往', 'block'),
  miswritten('按步就班', '按部就班', 'block'),
  miswritten('迫不急待', '迫不及待', 'block'),
  miswritten('精兵减政', '精兵简政', 'block'),
  miswritten('有的放失', '有的放矢', 'block'),
  miswritten('一股作气', '一鼓作气', 'block'),
  miswritten('既往不究', '既往不咎', 'block'),
  miswritten('言简意骇', '言简意赅', 'block'),
  miswritten('变本加利', '变本加厉', 'block'),
  miswritten('兴高彩烈', '兴高采烈', 'block'),
  miswritten('穿流不息', '川流不息', 'block'),
  miswritten('出奇不意', '出其不意', 'block'),
  miswritten('不径而走', '不胫而走', 'block'),
  miswritten('默守成规', '墨守成规', 'block'),
  miswritten('针贬时弊', '针砭时弊', 'block'),
  miswritten('美仑美奂', '美轮美奂', 'block'),
  miswritten('唇枪舌箭', '唇枪舌剑', 'block'),
  miswritten('凭心而论', '平心而论', 'block'),

  // 歧视性称谓（新华社新闻报道禁用词：对残疾人不使用蔑称）
  banned('残废人', '残疾人', 'block'),
  banned('残废军人', '残疾军人', 'block'),
  banned('弱智', '智力障碍者'),
  banned('瞎子', '盲人'),
  banned('聋子', '聋人'),
  banned('哑巴', '言语障碍者'),

  // 商业、广告域名（匹配正文链接的主机名及其子域名）
  commercial('taobao.com'),
  commercial('tmall.com'),
  commercial('jd.com'),
  commercial('pinduoduo.com'),
  commercial('yangkeduo.com'),
  commercial('1688.com'),
  commercial('alimama.com'),
  commercial('tanx.com'),
  commercial('mmstat.com'),
  commercial('baidu.com/s?', '搜索结果页不是稳定来源，请链接到权威网站的原文'),
  commercial('pos.baidu.com'),
  commercial('cpro.baidu.com'),
  commercial('doubleclick.net'),
  commercial('googlesyndication.com'),
  commercial('googleadservices.com'),
  commercial('adnxs.com'),
];
