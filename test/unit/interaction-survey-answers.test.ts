import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../src/platform/http/error-registry.js';
import { readAnswers } from '../../src/modules/interaction/surveys/survey-answers.js';
import type { Question } from '../../src/modules/interaction/surveys/survey-definition.js';
import { csvCell } from '../../src/modules/interaction/index.js';

const q = (id: number, over: Partial<Question>): Question => ({
  id, position: id, kind: 'single', title: `题${id}`, required: false, options: [], minChoices: 0, maxChoices: 0, maxLength: 0, scale: 0, rows: [], columns: [], ...over,
});
const QS: Question[] = [
  q(1, { kind: 'multiple', options: ['a', 'b', 'c'], minChoices: 2, maxChoices: 3 }),
  q(2, { kind: 'rating', scale: 10 }),
  q(3, { kind: 'text', maxLength: 5 }),
  q(4, { kind: 'matrix', rows: ['r1', 'r2'], columns: ['c1', 'c2'] }),
];
const form = (fields: [string, string][]) => (name: string) => fields.filter(([k]) => k === name).map(([, v]) => v);
const refusals = (fields: [string, string][]): Record<string, string> => {
  try {
    readAnswers(QS, form(fields));
    return {};
  } catch (e) {
    assert.ok(e instanceof AppError);
    return Object.fromEntries(e.fieldErrors.map((f) => [f.field, f.message]));
  }
};

describe('survey answers', () => {
  test('valid answers come back in their stored shapes; blank optional questions are left out', () => {
    const a = readAnswers(QS, form([['q1', '2'], ['q1', '0'], ['q2', '10'], ['q3', ' 好\r\n'], ['q4_0', '1'], ['q4_1', '0']]));
    assert.deepEqual([...a], [[1, [0, 2]], [2, 10], [3, '好'], [4, [1, 0]]]);
    assert.deepEqual([...readAnswers(QS, form([]))], []);
  });

  test('each kind refuses what does not fit, naming the question', () => {
    assert.deepEqual(refusals([['q1', '0'], ['q1', '0'], ['q2', '11'], ['q3', '一二三四五六'], ['q4_1', '2']]), {
      q1: '第 1 题：同一选项只能选择一次',
      q2: '第 2 题：评分应为 1 到 10 之间的整数',
      q3: '第 3 题：不能超过 5 字',
      q4: '第 4 题：所选选项不存在，请重新选择',
    });
    assert.deepEqual(refusals([['q1', '1'], ['q2', '0'], ['q4_0', '0']]), {
      q1: '第 1 题：至少选择 2 项', q2: '第 2 题：评分应为 1 到 10 之间的整数', q4: '第 4 题：第 2 行“r2”未作答',
    });
    assert.deepEqual(refusals([['q1', '-1'], ['q1', '1'], ['q2', '2.5']]), { q1: '第 1 题：所选选项不存在，请重新选择', q2: '第 2 题：评分应为 1 到 10 之间的整数' });
  });

  test('CSV cells: quoted, quotes doubled, formula starts neutralised', () => {
    assert.equal(csvCell('普通'), '"普通"');
    assert.equal(csvCell('a"b'), '"a""b"');
    for (const s of ['=1', '+1', '-1', '@A1', '\tx', '\rx']) assert.equal(csvCell(s), `"'${s}"`);
    assert.equal(csvCell('1-2'), '"1-2"');
  });
});
