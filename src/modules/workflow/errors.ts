import { defineErrors } from '../../platform/http/error-registry.js';

/** Error codes of the review workflow (审核流程). */
export const WorkflowErrors = defineErrors({
  'content.workflow.out_of_scope': {
    status: 403,
    zh: '稿件不存在，或不在您的审核权限范围内',
    en: 'The document does not exist, or it is outside the scope you may review',
  },
  'content.workflow.not_permitted': {
    status: 403,
    zh: '“{step}”需要在该稿件所在栏目具有“{role}”角色，您没有该权限',
    en: '"{step}" needs the role "{role}" on the column of this document, which you do not hold',
  },
  'content.workflow.self_approval': {
    status: 403,
    zh: '不能审核自己撰写或已审核过的稿件',
    en: 'You cannot review a document you wrote or already approved at an earlier step',
  },
  'content.workflow.out_of_order': {
    status: 409,
    zh: '审核顺序不符：稿件当前为“{current}”，不能进行“{requested}”，请刷新后重试',
    en: 'Out of order: the document is at "{current}", not "{requested}"; reload and retry',
  },
  'content.workflow.blocked_by_checks': {
    status: 409,
    zh: '发布前机器检查发现 {count} 个阻断问题，须修改后才能通过：{findings}',
    en: 'The pre-publication checks found {count} blocking problem(s) to fix first: {findingsEn}',
  },
  'content.workflow.not_submittable': {
    status: 409,
    zh: '稿件当前为“{status}”，只有草稿或被退回的稿件可以提交审核',
    en: 'The document is "{status}"; only a draft or a returned document can be submitted for review',
  },
  'content.workflow.reason_required': {
    status: 400,
    zh: '请填写{what}（reason）',
    en: 'Give the {whatEn} (reason)',
  },
  'content.workflow.publish_time_past': {
    status: 400,
    zh: '不能设置过去的发布时间',
    en: 'The scheduled publish time cannot be in the past',
  },
  'content.workflow.unpublish_time_past': {
    status: 400,
    zh: '不能设置过去的下线时间',
    en: 'The scheduled unpublish time cannot be in the past',
  },
  'content.workflow.unpublish_before_publish': {
    status: 400,
    zh: '定时下线时间必须晚于发布时间',
    en: 'The unpublish time must be after the publish time',
  },
  'content.workflow.not_schedulable': {
    status: 409,
    zh: '稿件当前为“{status}”，不能设置定时发布',
    en: 'The document is "{status}"; a publish time cannot be set now',
  },
  'content.workflow.bad_redirect': {
    status: 400,
    zh: '跳转地址（redirectTo）须是本站以“/”开头的路径，或以 https:// 开头的网址，且不含空格、引号、尖括号、反斜杠、控制字符或文字方向控制符',
    en: 'The redirect (redirectTo) must be a path on this site starting with "/" or an https:// address, without spaces, quotes, angle brackets, backslashes, control characters or text-direction overrides',
  },
  // {fault}: SHOWN_TEXT_FAULTS (control or bidi characters, nothing visible).
  'content.workflow.bad_text': {
    status: 400,
    zh: '{what}（{field}）{fault}',
    en: 'The {whatEn} ({field}) {faultEn}',
  },
  'content.workflow.not_published': {
    status: 409,
    zh: '稿件尚未发布，无需撤稿',
    en: 'The document is not published, so there is nothing to withdraw',
  },
  'content.workflow.not_fast_trackable': {
    status: 409,
    zh: '稿件当前为“{status}”，不能紧急发布',
    en: 'The document is "{status}" and cannot be fast-tracked',
  },
  'content.workflow.not_fast_tracked': {
    status: 409,
    zh: '该稿件没有等待事后审核的紧急发布',
    en: 'This document has no fast-tracked publication waiting for a post-review',
  },
  'content.workflow.post_review_done': {
    status: 409,
    zh: '您可以进行的事后审核已经完成',
    en: 'The post-review you may do has already been recorded',
  },
  'content.workflow.not_policy': {
    status: 400,
    zh: '只有政策文件可以标记为重大政策（isMajor）',
    en: 'Only a policy document can be marked major (isMajor)',
  },
  'content.workflow.not_interpretation': {
    status: 400,
    zh: '只有政策解读稿件可以关联所解读的政策文件（interpretsId）',
    en: 'Only an interpretation can name the policy it interprets (interpretsId)',
  },
  'content.workflow.bad_interprets': {
    status: 400,
    zh: '所解读的文件（interpretsId）不存在、不在您的权限范围内或不是政策文件',
    en: 'The interpreted document (interpretsId) does not exist, is outside your scope, or is not a policy document',
  },
  'content.workflow.links_locked': {
    status: 409,
    zh: '稿件当前为“{status}”，审核期间不能修改重大政策标记或解读关联',
    en: 'The document is "{status}"; the major flag and interpretation link cannot change during review',
  },
});
