import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { maskAddress, maskEmail, maskIdNumber, maskName, maskPhone } from '../../src/modules/interaction/index.js';
import { checkLetterFiles } from '../../src/modules/interaction/letter-files.js';
import { validateLetter } from '../../src/modules/interaction/validate-letter.js';
import { AppError } from '../../src/platform/http/error-registry.js';
import { LETTER_FILES } from '../support/letter-fixtures.js';

describe('letters: masking personal data', () => {
  test('phone numbers keep the first 3 and last 4 digits', () => {
    assert.equal(maskPhone('13812345678'), '138****5678');
    assert.equal(maskPhone('025-83391234'), '025****1234');
    assert.equal(maskPhone('12345'), '*****');
  });
  test('ID numbers keep the first 4 and last 4 characters', () => {
    assert.equal(maskIdNumber('110101199003071234'), '1101**********1234');
    assert.equal(maskIdNumber('11010519491231002X'), '1101**********002X');
  });
  test('names, emails and addresses', () => {
    assert.equal(maskName('张三'), '张*');
    assert.equal(maskName('欧阳修远'), '欧***');
    assert.equal(maskName('李'), '*');
    assert.equal(maskEmail('zhang.san@example.cn'), 'z***@example.cn');
    assert.equal(maskAddress('江苏省南京市玄武区北京东路1号'), '江苏省南京市****');
  });
});

const letter = { mailboxId: 1, letterType: 'help' as const, visibility: 'private' as const, subject: ' 标题 ', body: '内容', name: '张三', phone: '138 1234 5678' };
const codeOf = (fn: () => unknown) => { try { fn(); return 'ok'; } catch (e) { return e instanceof AppError ? e.code : String(e); } };

describe('letters: field checks', () => {
  test('trims text, normalises the phone, keeps absent optionals as null', () => {
    const clean = validateLetter(letter);
    assert.equal(clean.subject, '标题');
    assert.equal(clean.personal.phone, '13812345678');
    assert.equal(clean.personal.email, null);
    assert.equal(clean.isPublic, false);
  });
  test('an ID number must pass the GB 11643 check digit; lower-case x is accepted', () => {
    assert.equal(codeOf(() => validateLetter({ ...letter, idNumber: '11010519491231002x' })), 'ok');
    assert.equal(codeOf(() => validateLetter({ ...letter, idNumber: '110105194912310021' })), 'interaction.id_number.bad_format');
  });
  test('phones and emails in the wrong shape are refused', () => {
    assert.equal(codeOf(() => validateLetter({ ...letter, phone: '2345' })), 'interaction.phone.bad_format');
    assert.equal(codeOf(() => validateLetter({ ...letter, phone: '0512-57510000' })), 'ok');
    assert.equal(codeOf(() => validateLetter({ ...letter, email: 'not-an-email' })), 'interaction.email.bad_format');
  });
  test('a mobile typed in full-width digits, with +86 or with 3-4-4 dashes is the same 11 digits', () => {
    for (const phone of ['１３８１２３４５６７８', '+8613812345678', '+86 138 1234 5678', '86-138-1234-5678', '138-1234-5678', '１３８－１２３４－５６７８']) {
      assert.equal(validateLetter({ ...letter, phone }).personal.phone, '13812345678', phone);
    }
    assert.equal(validateLetter({ ...letter, phone: '０５１２-５７５１００００' }).personal.phone, '0512-57510000');
    for (const phone of ['+8612812345678', '86138123456789', '+1 138 1234 5678']) assert.equal(codeOf(() => validateLetter({ ...letter, phone })), 'interaction.phone.bad_format', phone);
  });
  test('text that shows as nothing is blank: zero-width characters, Hangul fillers, invisible operators', () => {
    for (const subject of ['\u200b\u200b', '\u3164', '\u115f\u1160', '\u2061\u2064', '\u180e', ' \ufeff ']) {
      assert.equal(codeOf(() => validateLetter({ ...letter, subject })), 'interaction.blank', JSON.stringify(subject));
    }
    assert.equal(validateLetter({ ...letter, subject: '\u200b标题' }).subject, '\u200b标题');
  });
  test('an ID number typed in full-width characters is checked and kept in ASCII', () => {
    assert.equal(validateLetter({ ...letter, idNumber: '１１０１０５１９４９１２３１００２ｘ' }).personal.idNumber, '11010519491231002X');
  });
});

describe('letters: attachment checks by content', () => {
  const check = (name: string, bytes: Buffer) => codeOf(() => checkLetterFiles([{ fileName: name, bytes }], 1024 * 1024));
  test('PDF, JPEG and PNG whose bytes match their extension pass', () => {
    assert.equal(check('a.pdf', LETTER_FILES.pdf), 'ok');
    assert.equal(check('a.JPEG', LETTER_FILES.jpeg), 'ok');
    assert.equal(check('a.png', LETTER_FILES.png), 'ok');
  });
  test('a disguised executable, a PNG named .pdf, other extensions and empty files are refused', () => {
    assert.equal(check('a.pdf', LETTER_FILES.exe), 'interaction.attachment.disguised');
    assert.equal(check('a.pdf', LETTER_FILES.png), 'interaction.attachment.disguised');
    assert.equal(check('a.exe', LETTER_FILES.exe), 'interaction.attachment.type_not_allowed');
    assert.equal(check('a.pdf.exe', LETTER_FILES.pdf), 'interaction.attachment.type_not_allowed');
    assert.equal(check('noext', LETTER_FILES.pdf), 'interaction.attachment.type_not_allowed');
    assert.equal(check('a.pdf', Buffer.alloc(0)), 'interaction.attachment.empty');
  });
  test('path parts of a file name are dropped', () => {
    assert.equal(checkLetterFiles([{ fileName: '..\\..\\windows\\证明.pdf', bytes: LETTER_FILES.pdf }], 1024)[0]?.fileName, '证明.pdf');
  });
});
