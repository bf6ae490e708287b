import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { maskFreeText } from '../../src/modules/interaction/mask-free-text.js';

describe('maskFreeText: personal data inside free text', () => {
  test('a mobile number embedded in Chinese text', () => {
    assert.equal(maskFreeText('我的电话13812345678请回电'), '我的电话138****5678请回电');
    assert.equal(maskFreeText('联系：+86 138 1234 5678。'), '联系：138****5678。');
    assert.equal(maskFreeText('手机138-1234-5678，谢谢'), '手机138****5678，谢谢');
  });

  test('a landline with area code', () => {
    assert.equal(maskFreeText('请拨打025-83391234咨询'), '请拨打025-****1234咨询');
    assert.equal(maskFreeText('电话（0512）'), '电话（0512）', 'an area code alone is not a number');
    assert.equal(maskFreeText('座机(025)83391234'), '座机(025)****1234');
  });

  test('18- and 15-character ID numbers, with X, inside text', () => {
    assert.equal(maskFreeText('身份证号11010519491231002X，请核实'), '身份证号1101**********002X，请核实');
    assert.equal(maskFreeText('身份证110105194912310021。'), '身份证1101**********0021。');
    assert.equal(maskFreeText('旧证号110105491231002办理'), '旧证号1101*******1002办理');
  });

  test('emails keep the first character and the domain', () => {
    assert.equal(maskFreeText('邮箱zhang.san@example.cn，或'), '邮箱z***@example.cn，或');
    assert.equal(maskFreeText('发到13812345678@163.com吧'), '发到1***@163.com吧');
  });

  test('numbers typed in full-width digits are masked too; the text around them is untouched', () => {
    assert.equal(maskFreeText('我的电话１３９１２３４５６７２，请回电'), '我的电话139****5672，请回电');
    assert.equal(maskFreeText('身份证１１０１０１１９９００３０７７５７１。'), '身份证1101**********7571。');
    assert.equal(maskFreeText('手机＋８６　１３９　１２３４　５６７２'), '手机139****5672');
    assert.equal(maskFreeText('邮箱ｚｈａｎｇ＠ｅｘａｍｐｌｅ．ｃｎ'), '邮箱z***@example.cn');
    assert.equal(maskFreeText('全角标点（０２５）８３３９１２３４！'), '全角标点(025)****1234！');
    assert.equal(maskFreeText('２０２６年１０月１日，共１２３人'), '２０２６年１０月１日，共１２３人');
  });

  test('ordinary numbers are left alone', () => {
    for (const s of ['2026年10月1日', '文号苏政发〔2026〕12号', '金额12345元', '编号20261127000001的信件', '共123456789人']) {
      assert.equal(maskFreeText(s), s);
    }
  });

  test('several items in one text', () => {
    const out = maskFreeText('张三，电话13912345678，身份证320102199001011234，邮箱a1@b.cn');
    assert.equal(out, '张三，电话139****5678，身份证3201**********1234，邮箱a***@b.cn');
    for (const raw of ['13912345678', '320102199001011234', 'a1@b.cn']) assert.ok(!out.includes(raw), 'the raw value is gone');
  });
});
