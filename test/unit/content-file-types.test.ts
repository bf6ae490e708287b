import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { detectKind, isZipHead, ALLOWED_TYPES } from '../../src/modules/content/attachments/file-types.js';
import { zipEntryNames } from '../../src/modules/content/attachments/zip-entries.js';
import { extensionOf, sanitizeOriginalName } from '../../src/modules/content/attachments/original-name.js';
import { contentDisposition } from '../../src/platform/http/content-disposition.js';
import { makeZip, SAMPLE_FILES } from '../support/content-fixtures.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiyue-types-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

async function kindOf(bytes: Buffer): Promise<string> {
  const file = path.join(dir, `f${Math.random().toString(16).slice(2)}`);
  fs.writeFileSync(file, bytes);
  return detectKind(bytes.subarray(0, 64), isZipHead(bytes) ? await zipEntryNames(file) : null);
}

describe('attachment type by content (magic bytes)', () => {
  test('each allowed format is recognised from its bytes', async () => {
    const expected: [keyof typeof SAMPLE_FILES, string][] = [
      ['pdf', 'pdf'], ['png', 'png'], ['jpg', 'jpeg'], ['gif', 'gif'], ['webp', 'webp'], ['mp3', 'mp3'], ['mp3Frame', 'mp3'], ['mp4', 'mp4'],
      ['doc', 'ole'], ['docx', 'docx'], ['xlsx', 'xlsx'], ['ofd', 'ofd'], ['zip', 'zip'], ['html', 'unknown'], ['exe', 'unknown'],
    ];
    for (const [sample, kind] of expected) assert.equal(await kindOf(SAMPLE_FILES[sample]), kind, sample);
  });

  test('ZIP packages are told apart by their central directory, wherever the entries sit', async () => {
    assert.deepEqual(await zipEntryNames(writeTemp(makeZip({ 'a.txt': 'x', 'word/document.xml': 'y', '[Content_Types].xml': 'z' }))), ['a.txt', 'word/document.xml', '[Content_Types].xml']);
    assert.equal(await kindOf(makeZip({ 'ppt/presentation.xml': '', '[Content_Types].xml': '' })), 'ooxml');
    assert.equal(await kindOf(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(40)])), 'unknown', 'a ZIP header without a directory');
    assert.equal(await kindOf(Buffer.concat([Buffer.from([0, 0, 0, 0x14]), Buffer.from('ftypqt  '), Buffer.alloc(20)])), 'unknown', 'QuickTime is not MP4');
    assert.equal(await kindOf(Buffer.concat([Buffer.from([0, 0, 0, 0x14]), Buffer.from('ftypheic'), Buffer.alloc(20)])), 'unknown', 'HEIF is not MP4');
  });

  test('the extension allow-list names every accepted type, and each maps to one kind', () => {
    assert.deepEqual(Object.keys(ALLOWED_TYPES).sort(), ['doc', 'docx', 'gif', 'jpeg', 'jpg', 'mp3', 'mp4', 'ofd', 'pdf', 'png', 'webp', 'xls', 'xlsx']);
  });
});

describe('original names and Content-Disposition', () => {
  test('names lose directories, control and reserved characters, and keep their extension', () => {
    assert.equal(sanitizeOriginalName('../../etc/passwd.pdf', 'pdf'), 'passwd.pdf');
    assert.equal(sanitizeOriginalName('C:\\Users\\张三\\通知.docx', 'docx'), '通知.docx');
    assert.equal(sanitizeOriginalName('a\u0000b\u202ec<d>.pdf', 'pdf'), 'abc_d_.pdf');
    assert.equal(sanitizeOriginalName('...', 'pdf'), '附件.pdf');
    assert.equal(sanitizeOriginalName(`${'长'.repeat(300)}.xlsx`, 'xlsx').length, 200);
    assert.ok(sanitizeOriginalName(`${'长'.repeat(300)}.xlsx`, 'xlsx').endsWith('.xlsx'));
    assert.equal(extensionOf('报告.PDF'), 'pdf');
    assert.equal(extensionOf('.hidden'), '');
  });

  test('RFC 5987: an ASCII fallback and the exact UTF-8 name', () => {
    assert.equal(contentDisposition('附件 1.pdf'), `attachment; filename="__ 1.pdf"; filename*=UTF-8''%E9%99%84%E4%BB%B6%201.pdf`);
    assert.equal(contentDisposition("it's (1).pdf"), `attachment; filename="it's (1).pdf"; filename*=UTF-8''it%27s%20%281%29.pdf`);
  });
});

function writeTemp(bytes: Buffer): string {
  const file = path.join(dir, `z${Math.random().toString(16).slice(2)}`);
  fs.writeFileSync(file, bytes);
  return file;
}
