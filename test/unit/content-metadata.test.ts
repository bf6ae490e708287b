import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { documentNumberProblem } from '../../src/modules/content/metadata/document-number.js';
import { isTopicCategory, topicCategoryProblem, TOPIC_CATEGORY_VERSION } from '../../src/modules/content/metadata/topic-categories.js';
import { DOCUMENT_GENRES, genreProblem } from '../../src/modules/content/metadata/genres.js';
import { isRealDate, mergeFields, validateFields, type EditionFields } from '../../src/modules/content/metadata/validate-fields.js';

const BASE: EditionFields = {
  title: '关于印发江苏省政府网站发展指引实施意见的通知', subtitle: '', bodyHtml: '', summary: '', keywords: '', documentNumber: '苏政办发〔2017〕96号',
  topicCategory: '综合政务\\政务公开', genre: '通知', validity: 'valid', validityDate: null, issuingOrgName: '江苏省人民政府办公厅',
  dateWritten: '2017-06-28', source: '', correctionNote: null,
};
const TODAY = '2026-11-26';

describe('文号 (document number) format', () => {
  test('well-formed numbers pass', () => {
    for (const ok of ['苏政办发〔2017〕96号', '国办发〔2019〕1号', '苏政规〔2020〕12号', '宁政发〔2026〕100号', '苏财规〔2023〕3号']) assert.equal(documentNumberProblem(ok), null, ok);
  });

  test('each mistake gets a message saying exactly what is wrong', () => {
    const cases: [string, RegExp][] = [
      ['苏政办发[2017]96号', /六角括号〔〕，不能使用方括号 \[ \]/],
      ['苏政办发【2017】96号', /不能使用方头括号【】/],
      ['苏政办发（2017）96号', /不能使用圆括号/],
      ['苏政办发(2017)96号', /不能使用圆括号/],
      ['苏政办发［2017］96号', /全角方括号/],
      ['苏政办发〔2017〕096号', /“096”不能有前导零，应写作“96号”/],
      ['苏政办发〔2017〕0号', /前导零/],
      ['苏政办发〔17〕96号', /年份“17”应为 4 位数字/],
      ['苏政办发〔二〇一七〕96号', /应为 4 位数字/],
      ['苏政办发〔2017〕96', /应以“号”字结尾/],
      ['苏政办发〔2017〕号', /缺少序号/],
      ['〔2017〕96号', /缺少机关代字/],
      ['苏政办发2017第96号', /缺少六角括号/],
      ['苏政办发〔2017〕九十六号', /应为阿拉伯数字/],
      [' 苏政办发〔2017〕96号', /前后不能有空格/],
      ['苏政办发 〔2017〕96号', /不能有空格/],
    ];
    for (const [input, message] of cases) {
      const problem = documentNumberProblem(input);
      assert.ok(problem, `${input} must be refused`);
      assert.match(problem, message, input);
    }
  });
});

describe('topic categories and genres (versioned data)', () => {
  test('second-level categories of the national tree; 其他 alone; anything else refused with the reason', () => {
    assert.ok(TOPIC_CATEGORY_VERSION.length > 0);
    assert.ok(isTopicCategory('综合政务\\政务公开'));
    assert.ok(isTopicCategory('财政、金融、审计\\审计'));
    assert.ok(isTopicCategory('其他'));
    assert.ok(!isTopicCategory('综合政务'));
    assert.match(topicCategoryProblem('综合政务') ?? '', /只有一级类目/);
    assert.match(topicCategoryProblem('综合政务/政务公开') ?? '', /不在国家主题分类表中/);
    assert.match(topicCategoryProblem('综合政务\\审计') ?? '', /一级类目“综合政务”下没有二级类目“审计”/);
  });

  test('genres: the 15 statutory ones plus the catalogue additions', () => {
    assert.equal(DOCUMENT_GENRES.length, 21);
    for (const g of ['决议', '命令（令）', '通知', '纪要', '规划', '工作动态']) assert.equal(genreProblem(g), null, g);
    assert.match(genreProblem('小说') ?? '', /不在规定的公文种类中/);
  });
});

describe('validateFields', () => {
  test('a complete, correct record has no problems', () => {
    assert.deepEqual(validateFields(BASE, TODAY), []);
  });

  test('every problem is reported at once, each with its field', () => {
    const errors = validateFields({ ...BASE, title: '', documentNumber: '苏政办发[2017]96号', genre: '小说', validity: 'expired', dateWritten: '2027-01-01' }, TODAY);
    assert.deepEqual(errors.map((e) => e.field).sort(), ['dateWritten', 'documentNumber', 'genre', 'title', 'validityDate']);
    for (const e of errors) assert.match(e.message, /[\u4e00-\u9fff]/, 'Chinese message');
  });

  test('validity: a date is needed when not valid, refused when valid, and cannot precede the date written', () => {
    assert.deepEqual(validateFields({ ...BASE, validity: 'repealed', validityDate: '2020-01-01' }, TODAY), []);
    assert.equal(validateFields({ ...BASE, validity: 'repealed', validityDate: '2016-01-01' }, TODAY)[0]?.code, 'content.field.before_written');
    assert.equal(validateFields({ ...BASE, validity: 'expired', validityDate: '2020-13-01' }, TODAY)[0]?.code, 'content.field.format');
  });

  test('a document number from the future is refused; today is fine for the date written', () => {
    assert.equal(validateFields({ ...BASE, documentNumber: '苏政办发〔2030〕1号' }, TODAY)[0]?.code, 'content.field.year');
    assert.deepEqual(validateFields({ ...BASE, dateWritten: TODAY }, TODAY), []);
  });

  test('limits are counted in characters', () => {
    const e = validateFields({ ...BASE, title: '长'.repeat(501) }, TODAY);
    assert.equal(e[0]?.code, 'content.field.too_long');
    assert.match(e[0]?.message ?? '', /最多 500 个字符（现有 501 个）/);
  });

  test('mergeFields trims, and empty optional values become null', () => {
    const m = mergeFields(BASE, { title: '  新标题  ', documentNumber: '', genre: null, bodyHtml: ' <p>x</p> ' });
    assert.equal(m.title, '新标题');
    assert.equal(m.documentNumber, null);
    assert.equal(m.genre, null);
    assert.equal(m.bodyHtml, ' <p>x</p> ');
    assert.equal(m.topicCategory, BASE.topicCategory);
  });

  test('real dates only', () => {
    assert.ok(isRealDate('2024-02-29'));
    assert.ok(!isRealDate('2023-02-29'));
    assert.ok(!isRealDate('2017-6-28'));
  });
});
