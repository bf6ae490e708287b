import { defineErrors } from '../../../platform/http/error-registry.js';

/** Errors of comments and consultations. Like the letters', they never repeat what a visitor typed. */
export const CommentErrors = defineErrors({
  'interaction.comments.document_not_found': { status: 404, zh: '文章（documentId）不存在或未发布', en: 'The document (documentId) does not exist or is not published' },
  'interaction.comments.disabled': { status: 403, zh: '该文章所在栏目未开启评论', en: 'Comments are not enabled in this document\'s column' },
  'interaction.comments.blocked': { status: 400, zh: '评论内容（body）含有禁用表述，未予提交，请修改后重新提交', en: 'The text (body) contains a banned expression and was refused' },
  'interaction.comments.not_found': { status: 404, zh: '评论不存在', en: 'Comment not found' },
  'interaction.comments.not_reportable': { status: 409, zh: '只能举报已公开的评论', en: 'Only published comments can be reported' },
  'interaction.comments.bad_decision': { status: 409, zh: '评论当前状态为“{status}”，不能执行“{decision}”', en: 'The comment is "{status}": "{decision}" is not possible' },
  'interaction.consultations.not_found': { status: 404, zh: '征求意见不存在', en: 'Consultation not found' },
  'interaction.consultations.not_open': { status: 409, zh: '该征求意见{state}，不能提交意见', en: 'The consultation {stateEn}: no opinions accepted' },
  'interaction.consultations.bad_clause': { status: 400, zh: '条款（clauseNo）不存在', en: 'No such clause (clauseNo)' },
  'interaction.consultations.bad_period': { status: 400, zh: '征求意见截止时间（closesAt）应晚于开始时间（opensAt）', en: 'The closing time (closesAt) must follow the opening time (opensAt)' },
  'interaction.consultations.too_short': { status: 400, zh: '征求意见期限（closesAt）不少于 {days} 日；确需缩短的，请填写缩短理由（shortReason），理由将公开', en: 'A consultation stays open at least {days} days; give a public reason (shortReason) to shorten it' },
  'interaction.consultations.no_clauses': { status: 400, zh: '草案正文（draftText）不能为空', en: 'The draft text (draftText) must not be empty' },
  'interaction.consultations.clauses_locked': { status: 409, zh: '已收到意见，草案正文（draftText）不能再修改', en: 'Opinions have been received: the draft text (draftText) can no longer change' },
  'interaction.consultations.not_closed': { status: 409, zh: '征求意见尚未结束，不能填写或发布反馈情况', en: 'The consultation is still open: no feedback summary yet' },
  'interaction.consultations.summary_blank': { status: 400, zh: '总体反馈说明（overall）不能为空', en: 'The overall feedback (overall) must not be blank' },
  'interaction.consultations.bad_document': { status: 400, zh: '关联文章（documentId）不存在、未发布或不属于本网站', en: 'The linked document (documentId) is missing, unpublished or on another site' },
});
