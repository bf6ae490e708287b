import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { diffTokens } from '../../src/modules/content/diff/myers-diff.js';
import { characters, diffText, MAX_DIFF_CHARS, sentences } from '../../src/modules/content/diff/text-diff.js';

/** Length of the longest common subsequence, by dynamic programming (the reference Myers must match). */
function lcs(a: readonly string[], b: readonly string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    let prev = 0;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = a[i - 1] === b[j - 1] ? prev + 1 : Math.max(row[j]!, row[j - 1]!);
      prev = tmp;
    }
  }
  return row[b.length]!;
}

const tokens = fc.array(fc.constantFrom('甲', '乙', '丙', '丁', 'a', 'b'), { maxLength: 30 });

describe('Myers diff', () => {
  test('property: the edit script rebuilds both sides and is minimal (n + m − 2·LCS edits)', () => {
    fc.assert(fc.property(tokens, tokens, (a, b) => {
      const edits = diffTokens(a, b, 1000);
      assert.ok(edits);
      assert.deepEqual(edits.filter((e) => e.op !== 'insert').map((e) => e.token), a);
      assert.deepEqual(edits.filter((e) => e.op !== 'delete').map((e) => e.token), b);
      assert.equal(edits.filter((e) => e.op !== 'equal').length, a.length + b.length - 2 * lcs(a, b));
    }), { numRuns: 300, seed: 42 });
  });

  test('gives up past the edit bound instead of running away', () => {
    assert.equal(diffTokens(['a', 'b', 'c', 'd'], ['w', 'x', 'y', 'z'], 3), null);
    assert.ok(diffTokens(['a', 'b', 'c', 'd'], ['w', 'x', 'y', 'z'], 8));
  });
});

describe('readable text diff (sentences, then characters)', () => {
  test('a corrected word shows as that word, not the whole sentence', () => {
    const d = diffText('各设区市人民政府，省各委办厅局。现将《办法》印发给你们，请认真贯彻执行。', '各设区市人民政府，省各委办厅局。现将《实施办法》印发给你们，请认真组织实施。');
    assert.deepEqual(d.ranges, [
      { op: 'equal', text: '各设区市人民政府，省各委办厅局。现将《' },
      { op: 'insert', text: '实施' },
      { op: 'equal', text: '办法》印发给你们，请认真' },
      { op: 'delete', text: '贯彻执行' },
      { op: 'insert', text: '组织实施' },
      { op: 'equal', text: '。' },
    ]);
    assert.equal(d.inserted, 6);
    assert.equal(d.deleted, 4);
  });

  test('a new paragraph is one insertion; Latin words stay whole', () => {
    assert.deepEqual(diffText('第一段。\n第三段。', '第一段。\n第二段。\n第三段。').ranges, [
      { op: 'equal', text: '第一段。\n' }, { op: 'insert', text: '第二段。\n' }, { op: 'equal', text: '第三段。' },
    ]);
    assert.deepEqual(characters('ICP备案 2026年'), ['ICP', '备', '案', ' ', '2026', '年']);
    assert.deepEqual(sentences('一。二！三？\n四'), ['一。', '二！', '三？', '\n', '四']);
  });

  test('property: equal+delete rebuilds the old text, equal+insert the new one', () => {
    const text = fc.array(fc.constantFrom('政', '务', '公', '开', '。', '，', '\n', 'x', ' '), { maxLength: 80 }).map((a) => a.join(''));
    fc.assert(fc.property(text, text, (a, b) => {
      const d = diffText(a, b);
      assert.equal(d.ranges.filter((r) => r.op !== 'insert').map((r) => r.text).join(''), a);
      assert.equal(d.ranges.filter((r) => r.op !== 'delete').map((r) => r.text).join(''), b);
      for (let i = 1; i < d.ranges.length; i++) assert.notEqual(d.ranges[i]!.op, d.ranges[i - 1]!.op, 'adjacent ranges are merged');
    }), { numRuns: 300, seed: 7 });
  });

  test('input is capped: very long texts are compared up to the cap and say so', () => {
    const long = '很长的正文。'.repeat(MAX_DIFF_CHARS / 6 + 10);
    const d = diffText(long, `${long}补充。`);
    assert.equal(d.truncated, true);
    assert.equal(d.inserted + d.deleted, 0, 'the compared prefixes are equal');
  });
});
