import fs from 'node:fs';
import { paragraphs, summaryOf, type DemoDocument, type DemoIssuer } from './demo-document.js';

/**
 * The seed document of the demo: the real 苏政办发〔2017〕96号 (省政府办公厅关于加强政府网站建设管理
 * 的实施意见), kept in Simplified Chinese in src/data (converted once from the traditional-
 * character source with opencc-js, punctuation normalised to full width), and our own 解读 of it.
 */
export const SEED_POLICY_NUMBER = '苏政办发〔2017〕96号';
export const SEED_POLICY_TITLE = '省政府办公厅关于加强政府网站建设管理的实施意见';
export const SEED_POLICY_DATE_WRITTEN = '2017-06-28';
/** Published 2017-07-03 10:00 Asia/Shanghai (a few working days after it was signed). */
export const SEED_POLICY_PUBLISHED_AT = Date.UTC(2017, 6, 3, 2, 0, 0);
const SEED_FILE = new URL('../../data/seed-policy-su-zheng-ban-fa-2017-96.txt', import.meta.url);

/** The policy text without its first line (the 文号, which is metadata here). */
export function seedPolicyLines(): string[] {
  const lines = fs.readFileSync(SEED_FILE, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l !== '');
  return lines[0] === SEED_POLICY_NUMBER ? lines.slice(1) : lines;
}

export function seedPolicyDocument(q: { key: number; siteId: number; columnId: number; office: DemoIssuer }): DemoDocument {
  const lines = seedPolicyLines();
  return {
    key: q.key, siteId: q.siteId, columnId: q.columnId, orgId: q.office.id, orgCode: q.office.code, kind: 'policy',
    title: SEED_POLICY_TITLE, bodyHtml: paragraphs(lines), summary: summaryOf(lines.slice(1, 2)),
    keywords: '政府网站,集约化,政务公开,网站安全', documentNumber: SEED_POLICY_NUMBER, topicCategory: '综合政务\\电子政务', genre: '意见',
    issuingOrgName: q.office.name, dateWritten: SEED_POLICY_DATE_WRITTEN, source: q.office.name,
    publishedAt: SEED_POLICY_PUBLISHED_AT, isMajor: true, interpretsKey: null,
  };
}

const INTERPRETATION_LINES: readonly string[] = [
  '一、出台背景',
  '2017年5月，国务院办公厅印发《政府网站发展指引》（国办发〔2017〕47号），对政府网站的开办整合、栏目设置、信息发布、安全防护和监督管理提出了系统要求。我省政府网站数量多、分散建设，部分网站存在内容更新不及时、办事入口不统一、安全防护能力不足等问题。为落实《指引》要求，推动全省政府网站由“各自建”向“集约建”转变，省政府办公厅研究制定了《实施意见》，于2017年6月28日印发。',
  '二、主要内容',
  '《实施意见》分为总体要求、重点任务和保障措施三个部分。',
  '总体要求明确，要把全省政府网站建成政务公开平台、政策发布解读和舆论引导平台、回应关切和便民服务平台，构建以省政府门户网站为龙头、各地各部门政府网站为支撑的全省政府网站体系。',
  '重点任务共五项：一是规范开办与下线程序，市、县政府开设门户网站，省、市两级部门根据需要开设网站，县级部门和乡镇（街道）不再开设网站，开办、下线均须逐级审核并报省政府办公厅批准；二是完善网站功能，强化信息发布更新、做好解读回应、整合办事服务、提高互动交流水平；三是推进集约共享，建设全省统一的政府网站技术平台和信息资源库；四是推动创新发展，以用户为中心提供个性化、智能化服务；五是强化安全防护，落实网络安全等级保护制度，加强监测预警和应急处置。',
  '保障措施包括加强组织领导、运维保障、监管考核和教育培训四个方面。',
  '三、创新举措',
  '一是明确集约化时间表。县级部门和乡镇（街道）网站2017年底前全部关停、内容迁移至县级政府门户网站；市级部门和县级政府门户网站2018年底前迁移到市级统一技术平台。',
  '二是设定可考核的时限要求。中国政府网和省政府门户网站发布的重要政策信息，各地各部门网站要在12小时内转载；网民纠错意见1个工作日内转办、2个工作日内处理回复；临时下线每年不超过1次、每次不超过30天。',
  '三是解读与文件同步。涉及经济社会发展大局或群众切身利益的重要政策文件，由制发或起草部门提供解读材料，与文件同步在政府网站发布，并鼓励采用图解、音视频等形式。',
  '四是强化常态监管。各市每季度对辖区政府网站开展全面巡查并公开检查情况，政府网站年度工作报表每年1月31日前向社会公开，考核结果纳入政府年度绩效考核。',
  '四、解读机关',
  '江苏省人民政府办公厅。',
];

export function seedInterpretationDocument(q: { key: number; policyKey: number; siteId: number; columnId: number; office: DemoIssuer }): DemoDocument {
  return {
    key: q.key, siteId: q.siteId, columnId: q.columnId, orgId: q.office.id, orgCode: q.office.code, kind: 'interpretation',
    title: `一图读懂：《${SEED_POLICY_TITLE}》政策解读`, bodyHtml: paragraphs(INTERPRETATION_LINES), summary: summaryOf(INTERPRETATION_LINES.slice(1, 2)),
    keywords: '政策解读,政府网站,集约化', documentNumber: null, topicCategory: '综合政务\\电子政务', genre: null,
    issuingOrgName: q.office.name, dateWritten: '2017-07-03', source: q.office.name,
    // Published together with the policy, as the policy itself requires (解读与文件同步).
    publishedAt: SEED_POLICY_PUBLISHED_AT + 60_000, isMajor: false, interpretsKey: q.policyKey,
  };
}
