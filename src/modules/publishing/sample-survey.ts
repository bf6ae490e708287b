/**
 * One view model every survey template can render (list, form, thank-you, results), for the
 * theme editor's sample pages: the shapes src/modules/interaction/surveys/survey-pages.ts makes.
 */
const summary = { id: 1, title: '示例调查', href: '/survey.html?id=1', phaseName: '进行中', isOpen: true, opensAt: '2026-11-26 10:00', closesAt: '2026-12-31 18:00', resultsHref: '/survey-results.html?id=1' };
const choice = (value: string, label: string) => ({ value, label, checked: value === '0' });

export const SAMPLE_SURVEY = {
  ...summary,
  open: [summary], closed: [{ ...summary, id: 2, phaseName: '已结束', isOpen: false }],
  description: '示例说明', action: '/survey.html?id=1', captchaUrl: '/api/v1/public/captcha', error: '', errors: [], responses: 3,
  questions: [
    { n: 1, id: 11, kind: 'single', kindName: '单选题', title: '示例单选题', required: true, field: 'q11', hint: '', error: '', options: [choice('0', '是'), choice('1', '否')], text: '', maxLength: 0, columns: [], rows: [], answered: 3, chartSvg: '', counts: [{ label: '是', count: 2 }, { label: '否', count: 1 }], average: '', matrix: [] },
    { n: 2, id: 12, kind: 'text', kindName: '文本题', title: '示例文本题', required: false, field: 'q12', hint: '不超过 500 字。', error: '示例错误', options: [], text: '示例回答', maxLength: 500, columns: [], rows: [], answered: 1, chartSvg: '', counts: [], average: '', matrix: [] },
    {
      n: 3, id: 13, kind: 'matrix', kindName: '矩阵题', title: '示例矩阵题', required: false, field: 'q13', hint: '每行选择一项。', error: '', options: [], text: '', maxLength: 0,
      columns: ['满意', '不满意'], rows: [{ label: '速度', field: 'q13_0', cells: [choice('0', '满意'), choice('1', '不满意')] }],
      answered: 2, chartSvg: '', counts: [], average: '', matrix: [{ row: '速度', counts: [1, 1] }],
    },
    { n: 4, id: 14, kind: 'rating', kindName: '评分题', title: '示例评分题', required: false, field: 'q14', hint: '', error: '', options: [choice('1', '1'), choice('2', '2')], text: '', maxLength: 0, columns: [], rows: [], answered: 2, chartSvg: '', counts: [{ label: '1 分', count: 1 }, { label: '2 分', count: 1 }], average: '1.5', matrix: [] },
  ],
};
