/**
 * Phrase corpus for the demo documents: ordinary public-administration wording written for this
 * project (no text copied from real documents). Templates combine these with the site's place
 * name, so every portal reads like its own government. `{place}` is replaced by the place name.
 */

/** A policy subject with its real topic category (national tree) and keywords. */
export interface PolicySubject {
  readonly subject: string;
  readonly topic: string;
  readonly keywords: string;
  /** The work area as news headlines name it. */
  readonly area: string;
}

export const POLICY_SUBJECTS: readonly PolicySubject[] = [
  { subject: '进一步优化营商环境', topic: '国民经济管理、国有资产监管\\经济体制改革', keywords: '营商环境,放管服', area: '优化营商环境' },
  { subject: '加快推进数字政府建设', topic: '综合政务\\电子政务', keywords: '数字政府,一网通办', area: '数字政府建设' },
  { subject: '推动制造业高质量发展', topic: '工业、交通\\机械制造与重工业', keywords: '制造业,智能化改造', area: '制造业高质量发展' },
  { subject: '加强安全生产工作', topic: '市场监管、安全生产监管\\安全生产监管', keywords: '安全生产,隐患排查', area: '安全生产' },
  { subject: '促进高校毕业生等青年就业创业', topic: '劳动、人事、监察\\劳动就业', keywords: '就业,创业', area: '稳就业' },
  { subject: '做好城乡居民基本养老保险工作', topic: '劳动、人事、监察\\社会保障', keywords: '养老保险,社会保障', area: '社会保障' },
  { subject: '严格耕地保护', topic: '国土资源、能源\\土地', keywords: '耕地保护,土地利用', area: '耕地保护' },
  { subject: '全面推进乡村振兴', topic: '农业、林业、水利\\农业、畜牧业、渔业', keywords: '乡村振兴,农业农村', area: '乡村振兴' },
  { subject: '深入打好污染防治攻坚战', topic: '城乡建设、环境保护\\环境监测、保护与治理', keywords: '污染防治,生态环境', area: '污染防治' },
  { subject: '加快发展养老服务', topic: '民政、扶贫、救灾\\社会福利', keywords: '养老服务,民生', area: '养老服务' },
  { subject: '推动文化和旅游融合发展', topic: '商贸、海关、旅游\\旅游', keywords: '文旅融合,旅游', area: '文旅融合' },
  { subject: '加强基层医疗卫生服务体系建设', topic: '卫生、体育\\卫生', keywords: '基层医疗,卫生健康', area: '基层医疗卫生' },
  { subject: '促进全民健身和体育消费', topic: '卫生、体育\\体育', keywords: '全民健身,体育消费', area: '全民健身' },
  { subject: '做好义务教育阶段课后服务', topic: '科技、教育\\教育', keywords: '课后服务,义务教育', area: '教育民生' },
  { subject: '加强知识产权保护', topic: '科技、教育\\知识产权', keywords: '知识产权,创新', area: '知识产权保护' },
  { subject: '支持企业加大科技创新投入', topic: '科技、教育\\科技', keywords: '科技创新,研发投入', area: '科技创新' },
  { subject: '促进消费扩容提质', topic: '商贸、海关、旅游\\国内贸易（含供销）', keywords: '促消费,内需', area: '促进消费' },
  { subject: '推动外贸稳规模优结构', topic: '商贸、海关、旅游\\对外经贸合作', keywords: '外贸,外资', area: '稳外贸稳外资' },
  { subject: '实施城市更新行动', topic: '城乡建设、环境保护\\城乡建设（含住房）', keywords: '城市更新,老旧小区', area: '城市更新' },
  { subject: '健全社会信用体系', topic: '财政、金融、审计\\社会信用体系建设', keywords: '社会信用,信用监管', area: '社会信用体系建设' },
  { subject: '加强政府性债务管理', topic: '财政、金融、审计\\财政', keywords: '政府债务,财政管理', area: '财政管理' },
  { subject: '提升防灾减灾救灾能力', topic: '民政、扶贫、救灾\\减灾救灾', keywords: '防灾减灾,应急', area: '防灾减灾' },
  { subject: '加强食品安全工作', topic: '市场监管、安全生产监管\\食品药品监管', keywords: '食品安全,市场监管', area: '食品安全' },
  { subject: '推进节能降碳', topic: '城乡建设、环境保护\\节能与资源综合利用', keywords: '节能降碳,绿色发展', area: '节能降碳' },
  { subject: '促进民营经济发展壮大', topic: '国民经济管理、国有资产监管\\经济体制改革', keywords: '民营经济,企业服务', area: '民营经济发展' },
  { subject: '深化政务公开标准化规范化', topic: '综合政务\\政务公开', keywords: '政务公开,标准化', area: '政务公开' },
  { subject: '做好突发事件应急处置', topic: '综合政务\\应急管理', keywords: '应急管理,突发事件', area: '应急管理' },
  { subject: '加强水资源节约保护', topic: '国土资源、能源\\水资源', keywords: '水资源,节水', area: '节水型社会建设' },
  { subject: '推进综合交通运输高质量发展', topic: '工业、交通\\公路', keywords: '交通运输,综合交通', area: '交通运输' },
  { subject: '保障妇女儿童合法权益', topic: '人口与计划生育、妇女儿童工作\\妇女儿童', keywords: '妇女儿童,权益保障', area: '妇女儿童权益保障' },
];

/** Things governments issue 管理办法 for. */
export const MANAGEMENT_NOUNS: readonly { noun: string; topic: string }[] = [
  { noun: '政府投资项目', topic: '国民经济管理、国有资产监管\\重大建设项目' },
  { noun: '财政专项资金', topic: '财政、金融、审计\\财政' },
  { noun: '公共资源交易', topic: '国民经济管理、国有资产监管\\其他' },
  { noun: '政府购买服务', topic: '财政、金融、审计\\财政' },
  { noun: '城市道路挖掘', topic: '城乡建设、环境保护\\城市规划' },
  { noun: '科技计划项目', topic: '科技、教育\\科技' },
  { noun: '政务信息资源共享', topic: '综合政务\\电子政务' },
  { noun: '行政规范性文件', topic: '综合政务\\文秘工作' },
];

export const INTRO_PHRASES: readonly string[] = [
  '为深入贯彻党中央、国务院和省委、省政府决策部署，进一步{subject}，结合{place}实际，提出如下意见。',
  '为认真落实国家和省有关工作要求，推动{area}工作取得新突破，更好满足人民群众和市场主体需求，现结合{place}实际，{closing}。',
  '为进一步{subject}，推动各项政策措施落地见效，经{place}人民政府同意，现就有关事项通知如下。',
];

export const GOAL_PHRASES: readonly string[] = [
  '坚持以人民为中心的发展思想，坚持问题导向、目标导向和结果导向，统筹发展和安全，着力破解制约发展的突出问题。',
  '到{year}年，相关制度机制更加健全，重点领域改革取得突破，群众获得感、幸福感、安全感进一步增强。',
  '坚持系统谋划、分步实施、重点突破，推动形成上下联动、部门协同、社会参与的工作格局。',
  '力争用两到三年时间，主要指标保持全省前列，形成一批可复制可推广的经验做法。',
];

export const TASK_PHRASES: readonly string[] = [
  '健全工作机制。建立由政府分管负责同志牵头、有关部门参加的协调推进机制，定期研究解决重大问题，压实各方责任。',
  '强化要素保障。统筹用好财政资金、土地指标和人才资源，优先保障重点项目建设需要，提高资源配置效率。',
  '优化服务流程。全面梳理办事事项清单，推行“一件事一次办”，压减办理环节和时限，提升企业和群众办事便利度。',
  '加强数据共享。依托一体化政务服务平台，推动跨部门、跨层级数据按需共享，实现更多事项“网上办、掌上办”。',
  '突出示范引领。每年遴选一批工作成效明显的地区和单位开展试点示范，及时总结推广典型经验。',
  '加强风险防控。建立健全监测预警和应急处置机制，定期开展隐患排查，守牢安全底线。',
  '完善政策体系。加快出台配套实施细则，做好政策衔接，保持政策连续性、稳定性和可预期性。',
  '强化基层基础。推动资源、服务、管理向基层倾斜，加强基层队伍建设，提升基层治理能力。',
  '深化区域协作。主动融入长三角一体化发展，加强与周边地区在规划、产业、公共服务等方面的协同联动。',
  '加强宣传引导。通过政府网站、政务新媒体等渠道做好政策宣传解读，及时回应社会关切，营造良好氛围。',
];

export const SAFEGUARD_PHRASES: readonly string[] = [
  '加强组织领导。各地各部门要把此项工作摆上重要议事日程，主要负责同志亲自抓，分管负责同志具体抓，确保各项任务落到实处。',
  '强化督查考核。将工作落实情况纳入年度综合考核，定期通报进展，对工作推进不力的予以督促整改。',
  '加强经费保障。各级财政要将所需经费列入预算，加强资金绩效管理，提高资金使用效益。',
  '注重总结评估。定期开展实施效果评估，根据评估情况及时调整完善政策措施。',
];

export const LEADER_ROLES: Readonly<Record<'province' | 'city' | 'county' | 'department', readonly string[]>> = {
  province: ['省政府主要负责同志', '省政府分管负责同志', '副省长', '省政府秘书长'],
  city: ['市长', '市委副书记、市长', '副市长', '市政府秘书长'],
  county: ['区（县、市）长', '常务副区（县、市）长', '副区（县、市）长'],
  /** Completed by the department's own head title (厅长, 主任, 局长). */
  department: ['主要负责同志', '分管负责同志'],
};

export const NEWS_OPENINGS: readonly string[] = [
  '{date}，{who}到{sub}调研{area}工作，实地察看项目推进情况，听取有关情况汇报。',
  '{date}，{place}召开{area}工作推进会，总结前一阶段工作，部署下一步重点任务。',
  '{date}，{place}举办{area}专题培训班，各地各有关部门负责同志参加培训。',
  '近日，{place}{area}工作取得新进展，一批重点事项按期完成，群众满意度持续提升。',
];

export const NEWS_BODY: readonly string[] = [
  '会议指出，{area}事关经济社会发展全局，事关人民群众切身利益，各地各部门要提高政治站位，切实增强责任感和紧迫感。',
  '调研中，{who}详细了解企业生产经营、项目建设和群众办事等情况，与基层干部和企业负责人深入交流。',
  '今年以来，{place}聚焦重点领域和关键环节，细化工作举措，压实工作责任，各项工作有序推进、成效明显。',
  '会议要求，要坚持问题导向，聚焦群众急难愁盼，拿出务实管用的举措，推动工作取得更大实效。',
  '据介绍，下一步将持续完善工作机制，加强部门协同，及时总结推广好经验好做法，以钉钉子精神抓好各项任务落实。',
  '{who}强调，要统筹发展和安全，既要着眼长远谋篇布局，又要立足当前抓好落实，确保全年目标任务圆满完成。',
  '培训采取专题授课、案例分析和交流研讨相结合的方式，进一步提升了参训人员的业务能力和工作水平。',
  '有关部门负责同志就相关工作作了交流发言，与会人员结合实际谈了意见和建议。',
];

export const CHECK_ITEMS: readonly string[] = [
  '政府网站和政务新媒体检查', '安全生产大检查', '统计执法检查', '政务公开工作评估', '消防安全专项整治', '食品安全抽检', '营商环境满意度调查',
];

export const HOLIDAYS: readonly string[] = ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'];

export const PROCUREMENT_PROJECTS: readonly string[] = [
  '政府门户网站运维服务', '机关办公楼物业管理服务', '政务大数据平台升级改造', '档案数字化加工服务', '公务用车定点维修服务',
  '12345热线话务外包服务', '机关食堂食材配送服务', '网络安全等级保护测评服务',
];

export const SURNAMES: readonly string[] = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高', '顾', '沈', '陆', '蒋', '钱', '邵', '缪', '殷'];
export const GIVEN_CHARS: readonly string[] = ['建', '国', '志', '明', '晓', '文', '海', '春', '丽', '静', '伟', '芳', '军', '红', '平', '婷', '磊', '洁', '涛', '燕', '斌', '霞', '宇', '琳', '鹏', '颖', '峰', '琦', '翔', '蓉'];
export const POSITIONS: readonly [current: string, proposed: string][] = [
  ['办公室副主任', '办公室主任'], ['综合处副处长', '综合处处长'], ['政策法规处四级调研员', '政策法规处副处长'],
  ['规划发展科科长', '规划发展处副处长'], ['机关党委副书记', '机关党委专职副书记'], ['财务审计处副处长', '财务审计处处长'],
  ['信息中心副主任', '信息中心主任'], ['行政审批科科长', '行政审批处副处长'],
];
export const EDUCATION: readonly string[] = ['大学学历', '研究生学历、硕士学位', '大学学历、学士学位', '在职研究生学历'];
