import { defineErrors } from '../../../platform/http/error-registry.js';

/** Error codes of 在线访谈. Messages name the field; they never repeat what a visitor typed. */
export const InterviewErrors = defineErrors({
  'interaction.interview.not_found': { status: 404, zh: '访谈不存在', en: 'Interview not found' },
  'interaction.interview.bad_schedule': { status: 400, zh: '结束时间（scheduledEnd）必须晚于开始时间（scheduledStart），且访谈时长不超过 24 小时', en: 'The end (scheduledEnd) must follow the start (scheduledStart), at most 24 hours later' },
  'interaction.interview.guests_required': { status: 400, zh: '请至少填写一位嘉宾（guests）', en: 'At least one guest (guests) is required' },
  'interaction.interview.illegal_transition': { status: 409, zh: '访谈当前状态为“{status}”，不能执行“{action}”', en: 'The interview is "{status}": "{action}" is not possible' },
  'interaction.interview.not_editable': { status: 409, zh: '访谈已结束，不能再修改安排', en: 'The interview has ended; its schedule can no longer change' },
  'interaction.interview.closed_for_questions': { status: 409, zh: '访谈已结束，不再征集问题', en: 'The interview has ended and takes no more questions' },
  'interaction.interview.not_live': { status: 409, zh: '访谈尚未开始或已结束，不能发布内容', en: 'The interview is not live; nothing can be posted' },
  'interaction.interview.bad_question': { status: 400, zh: '所答问题（questionId）不存在、不属于本次访谈或未经审核通过', en: 'The question (questionId) is unknown, of another interview or not approved' },
  'interaction.interview.question_not_found': { status: 404, zh: '问题不存在', en: 'Question not found' },
  'interaction.interview.question_decided': { status: 409, zh: '该问题已被审核（status 为“{status}”）', en: 'The question was already decided ("{status}")' },
  'interaction.interview.bad_image': { status: 400, zh: '图片（imageId）不存在或不属于本次访谈', en: 'The picture (imageId) is unknown or of another interview' },
  'interaction.interview.image_type': { status: 415, zh: '图片（file）只接受 .jpg、.jpeg、.png、.gif 文件，且内容须与扩展名相符', en: 'Pictures (file) must be .jpg, .jpeg, .png or .gif with matching content' },
  'interaction.interview.image_too_large': { status: 413, zh: '图片（file）超过大小上限 {limit}', en: 'The picture (file) is larger than {limit}' },
  'interaction.interview.image_missing': { status: 400, zh: '请选择要上传的图片（file）', en: 'Choose a picture (file) to upload' },
  'interaction.interview.too_many_streams': { status: 503, zh: '当前观看人数过多，请稍后刷新页面', en: 'Too many viewers right now; reload later' },
});
