/** Chinese names of common request fields, so validation messages read naturally. */
const zhNames: ReadonlyMap<string, string> = new Map(Object.entries({
  username: '用户名', password: '密码', newPassword: '新密码', currentPassword: '当前密码', totp: '动态验证码',
  displayName: '姓名', orgId: '所属机构', role: '角色', scopeType: '授权范围类型', scopeId: '授权范围',
  name: '名称', code: '编码', parentId: '上级机构', kind: '类型', level: '层级', divisionCode: '行政区划代码',
  email: '电子邮箱', phone: '手机号码', status: '状态', from: '开始时间', to: '结束时间', action: '操作',
  result: '结果', actorId: '操作人', page: '页码', pageSize: '每页条数', year: '年份', days: '日期列表',
  date: '日期', recoveryCode: '恢复码', reason: '原因', q: '关键词',
  mailboxId: '收信信箱', letterType: '信件类型', visibility: '是否公开', subject: '标题', body: '内容', idNumber: '身份证号码',
  address: '通讯地址', idempotencyKey: '请求标识', altcha: '人机验证', queryCode: '查询编号', queryPassword: '查询密码',
  deadlineDays: '办理时限（工作日）', isEnabled: '是否启用', sortOrder: '排序', description: '说明',
  // The other public forms: 网友评论, 征求意见, 在线访谈, 网页纠错, the letter's 评价.
  nickname: '昵称', clauseNo: '条款', errorType: '错误类型', pageUrl: '出错页面地址', satisfaction: '满意度',
  // 在线调查 (the survey builder).
  title: '标题', opensAt: '开始时间', closesAt: '结束时间', questions: '题目', required: '是否必答', options: '选项',
  minChoices: '最少选择数', maxChoices: '最多选择数', maxLength: '最大字数', scale: '评分等级', rows: '矩阵行', columns: '矩阵列',
  resultsPublic: '是否公开结果', version: '版本',
  // 网站 and search.
  ownerOrgId: '主办单位机构', primaryDomain: '主域名', creditCode: '统一社会信用代码/机构代码', slug: '英文标识', keywords: '关键词', sort: '排序',
  // 发布检查 (machine checks of a draft, the dictionary).
  columnKind: '栏目类型', requiredFields: '必填元数据', metadata: '元数据', phrase: '词条', suggestion: '建议写法',
}));

export function fieldLabel(field: string, locale: 'zh-CN' | 'en'): string {
  const leaf = field.split('.').pop() ?? field;
  if (locale === 'en') return field;
  // A Map, not an object lookup: `__proto__` or `constructor` must not find Object.prototype's members.
  const zh = zhNames.get(leaf);
  return zh ? `${zh}（${field}）` : field;
}
