import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { extractAttachmentText, idCheckChar, runChecks } from '../../src/modules/checks/index.js';
import { decodeShownBytes } from '../../src/modules/checks/attachments/pdf-cmap.js';
import { buildDocx, buildPdf, buildZip, flate, hex16 } from './checks-attachment-fixtures.js';

const ID = `11010519491231002${idCheckChar('11010519491231002')}`;
const MOBILE = '13800138000';

function flagged(name: string, text: string): string[] {
  return runChecks({ title: '', bodyHtml: '', attachmentsText: [{ name, text }], metadata: {}, requiredFields: [] }, { dictionary: [], severities: {} })
    .map((r) => `${r.rule}:${text.slice(r.start, r.end)}`);
}

describe('extractAttachmentText', () => {
  it('reads a .docx: paragraphs as lines, runs joined, headers included, field codes left out', async () => {
    const docx = buildDocx([['申请人：张三'], ['身份证号：', ID, '，手机：', MOBILE], ['A&B <注>']], '内部资料 注意保存');
    const text = await extractAttachmentText(docx, 'docx');
    assert.equal(text, `申请人：张三\n身份证号：${ID}，手机：${MOBILE}\nA&B <注>\n\n内部资料 注意保存`);
    assert.ok(!text!.includes('HYPERLINK'));
    assert.deepEqual(flagged('申请表.docx', text!), [`personal_id:${ID}`, `mobile_number:${MOBILE}`, 'secrecy_marking:内部资料', 'secrecy_marking:注意保存']);
  });

  it('reads stored (uncompressed) entries and refuses what is not a ZIP', async () => {
    const doc = buildZip([{ name: 'word/document.xml', store: true, text: '<w:document xmlns:w="x"><w:body><w:p><w:r><w:t>甲</w:t></w:r></w:p></w:body></w:document>' }]);
    assert.equal(await extractAttachmentText(doc, '.DOCX'), '甲');
    assert.equal(await extractAttachmentText(Buffer.from('not a zip at all, just some text....'), 'docx'), null);
    assert.equal(await extractAttachmentText(buildZip([{ name: 'other.xml', text: '<a/>' }]), 'docx'), null);
  });

  it('reads a text-based PDF with a standard font: Tj, TJ and line moves', async () => {
    const content = `BT /F1 12 Tf 72 720 Td (ID: ${ID}) Tj 0 -20 Td [(Tel ) -120 (${MOBILE.slice(0, 5)}) 30 (${MOBILE.slice(5)})] TJ ET\nBT /F1 12 Tf 1 0 0 1 72 650 Tm (Paren \\(ok\\) \\101) Tj ET`;
    const pdf = buildPdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
      flate(content),
    ]);
    const text = await extractAttachmentText(pdf, 'pdf');
    assert.equal(text, `ID: ${ID}\nTel ${MOBILE}\nParen (ok) A`);
    assert.deepEqual(flagged('名单.pdf', text!), [`personal_id:${ID}`, `mobile_number:${MOBILE}`]);
  });

  it('reads Chinese from a Type0 font through its ToUnicode map, with objects inside an object stream', async () => {
    const cmap = [
      '/CIDInit /ProcSet findresource begin 12 dict begin begincmap',
      '1 begincodespacerange <0000> <FFFF> endcodespacerange',
      `2 beginbfchar <0001> <${hex16('内')}> <0002> <${hex16('部')}> endbfchar`,
      `1 beginbfrange <0003> <0004> [<${hex16('资')}> <${hex16('料')}>] endbfrange`,
      `1 beginbfrange <0010> <0013> <${hex16('身')}> endbfrange`,
      `4 beginbfchar <0010> <${hex16('身')}> <0011> <${hex16('份')}> <0012> <${hex16('证')}> <0013> <${hex16('号')}> endbfchar`,
      `10 beginbfrange <0020> <0029> <0030> endbfrange`,
      'endcmap end end',
    ].join('\n');
    const cid = (s: string): string => [...s].map((c) => {
      const digit = '0123456789'.indexOf(c);
      if (digit >= 0) return (0x20 + digit).toString(16).padStart(4, '0');
      return ({ 内: '0001', 部: '0002', 资: '0003', 料: '0004', 身: '0010', 份: '0011', 证: '0012', 号: '0013' } as Record<string, string>)[c] ?? '0000';
    }).join('');
    const idDigits = ID.slice(0, 17);
    const content = `BT /C0 10.5 Tf 1 0 0 1 90 760 Tm <${cid('内部资料')}> Tj 1 0 0 1 90 740 Tm <${cid('身份证号')}> Tj <${cid(idDigits)}> Tj /F1 10.5 Tf (${ID.slice(17)}) Tj ET`;
    // Objects 3 (page), 4 (Type0 font) and 6 (simple font) live in object stream 7.
    const inStream = [
      '<< /Type /Page /Parent 2 0 R /Resources << /Font << /C0 4 0 R /F1 6 0 R >> >> /Contents 5 0 R >>',
      '<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /ToUnicode 8 0 R >>',
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    ];
    let header = '';
    let body = '';
    [3, 4, 6].forEach((num, i) => {
      header += `${num} ${body.length} `;
      body += `${inStream[i]}\n`;
    });
    const objStm = Buffer.from(header + body, 'latin1');
    const pdf = buildPdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      null,
      null,
      flate(content),
      null,
      { dict: `/Type /ObjStm /N 3 /First ${header.length} /Filter /FlateDecode`, data: deflateSync(objStm) },
      flate(cmap),
    ]);
    const text = await extractAttachmentText(pdf, 'pdf');
    assert.equal(text, `内部资料\n身份证号${ID}`);
    assert.deepEqual(flagged('扫描件.pdf', text!), ['secrecy_marking:内部资料', `personal_id:${ID}`]);
  });

  it('returns null for encrypted PDFs, non-PDFs and types it does not read', async () => {
    const encrypted = buildPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [] /Count 0 >>', '<< /Filter /Standard >>']);
    const withEncrypt = Buffer.concat([encrypted, Buffer.from('trailer << /Encrypt 3 0 R >>', 'latin1')]);
    assert.equal(await extractAttachmentText(withEncrypt, 'pdf'), null);
    assert.equal(await extractAttachmentText(Buffer.from('hello'), 'pdf'), null);
    assert.equal(await extractAttachmentText(Buffer.from('hello'), 'doc'), null);
    assert.equal(await extractAttachmentText(Buffer.from('hello'), 'jpg'), null);
  });

  it('reads .txt as UTF-8, or GB18030 when it is not UTF-8', async () => {
    assert.equal(await extractAttachmentText(Buffer.from(`\ufeff手机${MOBILE}`, 'utf8'), 'txt'), `手机${MOBILE}`);
    assert.equal(await extractAttachmentText(Buffer.from('c4dab2bfd7cac1cf', 'hex'), 'txt'), '内部资料');
  });

  it('reads cells of an .xlsx and text of an .ofd', async () => {
    const xlsx = buildZip([
      { name: 'xl/sharedStrings.xml', text: `<sst xmlns="x"><si><t>姓名</t></si><si><t>${ID}</t></si></sst>` },
      { name: 'xl/worksheets/sheet1.xml', text: `<worksheet><sheetData><row><c t="s"><v>0</v></c><c><v>${MOBILE}</v></c></row></sheetData></worksheet>` },
    ]);
    const xText = await extractAttachmentText(xlsx, 'xlsx');
    assert.ok(xText?.includes(ID) && xText.includes(MOBILE), xText ?? 'null');
    const ofd = buildZip([{ name: 'Doc_0/Pages/Page_0/Content.xml', text: `<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer><ofd:TextObject ID="1"><ofd:TextCode X="0" Y="10">秘密★1年</ofd:TextCode></ofd:TextObject><ofd:TextObject ID="2"><ofd:TextCode X="0" Y="20">身份证：</ofd:TextCode><ofd:TextCode X="40" Y="20">${ID}</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>` }]);
    const oText = await extractAttachmentText(ofd, 'ofd');
    assert.equal(oText, `秘密★1年\n身份证：${ID}`);
  });
});

describe('decodeShownBytes', () => {
  it('decodes a shown string of 300,000 bytes without a ToUnicode map (no spread onto the stack)', () => {
    const bytes = Array.from({ length: 300_000 }, (_, i) => (i % 2 === 0 ? 0x41 : 0xe9));
    const text = decodeShownBytes(bytes, null);
    assert.equal(text.length, 300_000);
    assert.equal(text.slice(0, 4), 'AéAé', 'byte by byte, as Latin-1');
  });
});
