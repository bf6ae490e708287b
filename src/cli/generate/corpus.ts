/**
 * Wording for `jiyue generate`, beyond the demo templates (src/demo/documents/corpus.ts): the
 * paragraphs that make long documents long, citizens' letters and their replies, survey
 * questions, what visitors search for, attachment names. Ordinary public-administration wording
 * written for this project; no text copied from real documents. `{place}` and `{area}` are
 * replaced by the site's place and the document's work area.
 */

/** Paragraphs added to long documents (sections of implementation plans, reports, annexes). */
export const LONG_PARAGRAPHS: readonly string[] = [
  '（一）明确目标任务。围绕{area}的重点领域和薄弱环节，逐项明确年度目标、责任单位和完成时限，形成任务清单、责任清单和进度清单，实行挂图作战、销号管理。',
  '（二）加强统筹协调。{place}各有关部门要按照职责分工，加强协同配合，建立信息互通、资源共享、工作联动的推进机制，重大事项及时提请研究。',
  '（三）强化政策支撑。用足用好国家和省出台的各项支持政策，及时研究制定配套措施，推动政策直达基层、直达市场主体，提高政策知晓度和获得感。',
  '（四）健全监测评估。建立{area}工作监测指标体系，按季度开展运行分析，对工作进展滞后的地区和单位及时提醒督促，确保各项任务按期完成。',
  '（五）注重典型引路。及时总结各地在{area}工作中的创新做法，遴选一批可复制、可推广的典型案例，通过现场会、交流会等形式加以推广。',
  '（六）严格依法行政。严格执行重大行政决策程序规定，坚持公众参与、专家论证、风险评估、合法性审查和集体讨论决定，提高决策科学化、民主化、法治化水平。',
  '（七）加强队伍建设。加大业务培训力度，提升工作人员政策理解能力和服务水平，建立健全激励约束机制，营造担当作为、干事创业的良好氛围。',
  '（八）做好信息公开。按照政府信息公开有关规定，及时、准确、全面公开{area}相关政策文件、工作进展和实施成效，主动接受社会监督。',
  '一是聚焦重点项目推进。对列入年度计划的重点项目实行清单化管理，落实“一个项目、一名领导、一个专班”的推进机制，协调解决项目建设中的堵点难点问题。',
  '二是聚焦营商环境优化。深化“放管服”改革，推行政务服务事项“一网通办”“一窗综办”，企业开办时间压缩至1个工作日以内，工程建设项目审批时间进一步压减。',
  '三是聚焦民生保障改善。持续办好民生实事项目，扎实做好就业、教育、医疗、养老、住房等工作，兜牢兜实基本民生保障底线。',
  '四是聚焦安全稳定底线。压紧压实安全生产责任，深入开展重点行业领域专项整治，健全应急预案体系，提升突发事件应对处置能力。',
  '五是聚焦作风效能提升。持续整治形式主义、官僚主义，精简文件会议，切实为基层减负，推动干部把更多精力投入抓落实、促发展上。',
  '本实施方案自印发之日起施行，有效期五年。实施过程中如遇国家和省有关政策调整，按照新的规定执行。',
  '各地各部门要结合实际制定具体落实措施，于每年12月底前将年度工作开展情况报送{place}人民政府办公室。',
  '问：出台该文件的背景是什么？答：近年来，{place}{area}工作取得积极进展，但仍存在统筹协调不够、政策落地不畅等问题，有必要出台专门文件加以推动。',
  '问：文件的主要内容有哪些？答：文件共分为总体要求、重点任务、保障措施三个部分，明确了若干条具体举措，对各项任务逐一明确了牵头单位和配合单位。',
  '问：文件中的支持政策如何申请？答：符合条件的单位可通过政务服务网在线提交申请材料，主管部门在规定时限内完成审核，审核结果在政府网站公示。',
  '从统计数据看，前三季度{place}地区生产总值同比增长5.8%，规模以上工业增加值增长7.2%，一般公共预算收入增长4.5%，主要经济指标保持在合理区间。',
  '据统计，全年共办理各类政务服务事项120余万件，网上可办率达到98%以上，群众满意率保持在99%以上，“好差评”差评整改率100%。',
];

export const ATTACHMENT_NAMES: readonly [name: string, ext: string, mime: string][] = [
  ['申报表', 'docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ['实施细则', 'pdf', 'application/pdf'], ['项目汇总表', 'xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ['政策解读图解', 'pdf', 'application/pdf'], ['报名登记表', 'doc', 'application/msword'], ['名单', 'pdf', 'application/pdf'],
  ['资金分配表', 'xls', 'application/vnd.ms-excel'], ['评分标准', 'docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
];

/** Letter subjects by type; `{area}` is a work area of the site. */
export const LETTER_SUBJECTS: Readonly<Record<'consultation' | 'complaint' | 'suggestion' | 'help', readonly string[]>> = {
  consultation: ['咨询{area}相关政策适用条件', '关于办理居住证所需材料的咨询', '咨询小孩入学积分如何计算', '咨询灵活就业人员社保缴费标准', '关于公积金提取流程的咨询', '咨询企业稳岗补贴申领时间'],
  complaint: ['小区附近工地夜间施工噪音扰民', '反映某路段路灯长期不亮', '反映农贸市场周边占道经营', '投诉物业公司未按约定维修电梯', '反映餐饮店油烟直排影响居民生活', '反映小区内违章搭建问题'],
  suggestion: ['建议增设公交线路方便居民出行', '关于{area}工作的几点建议', '建议在公园增加健身设施', '建议优化政务服务中心周末服务时间', '建议加强学校周边交通秩序管理', '建议增加社区养老服务网点'],
  help: ['老人独居生活困难请求帮助', '房屋漏水多次协调未果请求帮助', '工资被拖欠三个月请求帮助追讨', '孩子患重病申请救助', '申请公租房多次未获回复请求帮助', '残疾人就业困难请求帮助'],
};

export const LETTER_BODIES: readonly string[] = [
  '您好！我是本地居民，{subject}。此事已持续较长时间，给周边群众生活带来不便，希望有关部门尽快核实处理，谢谢！',
  '尊敬的领导：{subject}。我已通过电话向相关单位反映过，但一直没有得到明确答复，特此来信，恳请予以关注并给予答复。',
  '{subject}。具体情况是：近期我在办理相关事项时遇到困难，不清楚应当向哪个部门申请、需要准备哪些材料，希望能得到详细解答。',
  '你好，{subject}。听说{place}近期出台了{area}方面的新政策，想了解具体的适用范围和办理渠道，麻烦告知，谢谢。',
];

export const LETTER_REPLIES: readonly string[] = [
  '您好！来信收悉。经核实，您反映的问题属实，我单位已责成相关部门限期整改，目前问题已得到解决。感谢您对我们工作的关心和支持！',
  '您好！感谢您的来信。关于您咨询的问题，根据现行规定，符合条件的可携带身份证明等材料到政务服务中心相关窗口办理，也可通过政务服务网在线申请。如有疑问，请拨打咨询电话。',
  '您好！您的建议很有价值，我们已转交相关部门研究，将在下一步工作中统筹考虑。感谢您对{place}发展的关心！',
  '您好！来信收悉。经调查，您反映的情况涉及多个部门，我们已牵头组织协调，相关单位已制定处置方案并明确完成时限，后续进展将及时告知。',
];

export const LETTER_REASONS: readonly string[] = [
  '来信反映的问题不属于本信箱受理范围，请向有关部门反映。', '来信内容不完整，请补充具体地址和事发时间。', '与此前来信反映的问题相同，合并办理。',
];

export const FIRST_NAMES: readonly string[] = ['伟', '芳', '娜', '敏', '静', '磊', '强', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明', '超', '秀英', '桂英', '建华', '志强', '晓东', '海燕'];
export const STREETS: readonly string[] = ['中山路', '人民路', '解放路', '建设路', '和平路', '长江路', '新华路', '文化路', '健康路', '青年路'];

export const SURVEY_TOPICS: readonly string[] = [
  '政府网站用户满意度调查', '{area}工作群众满意度调查', '政务服务“好差评”问卷调查', '{place}民生实事项目征集', '公共文化服务需求调查', '营商环境企业问卷调查',
];

export const SURVEY_TEXTS: readonly string[] = [
  '希望网站信息更新更及时一些。', '办事指南写得很清楚，点赞。', '建议增加移动端的办事入口。', '希望多公开一些政策解读材料。', '搜索功能有时找不到想要的内容。',
  '窗口工作人员服务态度很好。', '希望周末也能办理业务。', '建议简化申报材料。',
];

/** What visitors type into site search (a realistic mix of services, policies and people's words). */
export const SEARCH_TERMS: readonly string[] = [
  '公积金提取', '社保缴费', '居住证办理', '入学政策', '人才引进', '购房补贴', '医保报销', '营业执照', '放假安排', '招聘公告', '公务员考试', '养老金调整',
  '新能源汽车补贴', '落户条件', '不动产登记', '灵活就业', '稳岗补贴', '创业贷款', '政府采购', '拆迁补偿', '老旧小区改造', '垃圾分类', '疫苗接种', '健康证办理',
  '残疾人补贴', '低保申请', '出生证明', '结婚登记', '营商环境', '政府工作报告', '预算公开', '信息公开指南', '12345', '政策解读', '办事指南', '电动车上牌',
];
