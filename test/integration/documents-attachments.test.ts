import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { selectedEngines } from '../support/engines.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import { signIn, type TestSession } from '../support/session.js';
import { multipartFile, SAMPLE_FILES, testColumnFor } from '../support/content-fixtures.js';
import { ManualClock } from '../../src/platform/clock.js';
import { inTransaction } from '../../src/db/index.js';
import { sm3Hex } from '../../src/platform/crypto/index.js';
import { systemActor } from '../../src/platform/identity/actor.js';
import { markPublished, setEditionStatus } from '../../src/modules/content/index.js';

interface Problem { code: string; status: number; detail: string }
interface Uploaded { attachment: { id: number; originalName: string; mime: string; size: number; sm3: string; editionId: number }; editionId: number; lockVersion: number }

const LIMIT = 64 * 1024;

/** Every regular file under a directory (recursively). */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

for (const engine of selectedEngines()) {
  describe(`document attachments: type by content, size limit, nothing left behind [${engine}]`, () => {
    let ctx: TestContext;
    const clock = new ManualClock();
    let editor: TestSession;
    let supervisor: TestSession;
    let columnId = 0;
    let store = '';

    const newDraft = async () => {
      const res = await editor.request('POST', '/api/v1/documents', { columnId, kind: 'notice', title: '附件测试' });
      assert.equal(res.statusCode, 201, res.body);
      return (res.json() as { document: { id: number }; edition: { id: number; lockVersion: number } });
    };
    const upload = async (docId: number, name: string, content: Buffer, as: TestSession = editor) => {
      const { payload, headers } = multipartFile(name, content);
      return as.request('POST', `/api/v1/documents/${docId}/attachments`, payload, headers);
    };
    const rowCount = async () => Number((await ctx.platform.db.selectFrom('attachments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

    before(async () => {
      ctx = await createTestContext(engine, { clock, config: { uploadMaxBytes: LIMIT } });
      editor = await signIn(ctx.app, ctx.accounts.editor!, clock);
      supervisor = await signIn(ctx.app, ctx.accounts.supervisor!, clock);
      columnId = (await testColumnFor(ctx.platform.db, '320000')).id;
      store = path.join(ctx.platform.config.dataDir, 'attachments');
    });
    after(async () => { await ctx.close(); });

    test('refused uploads leave no file and no row: forbidden extension, content not matching, oversized, empty', async () => {
      const { document } = await newDraft();
      const cases: [string, Buffer, number, string][] = [
        ['setup.exe', SAMPLE_FILES.exe, 415, 'content.attachment.extension_not_allowed'],
        ['page.html', SAMPLE_FILES.html, 415, 'content.attachment.extension_not_allowed'],
        ['noextension', SAMPLE_FILES.pdf, 415, 'content.attachment.extension_not_allowed'],
        ['report.pdf', SAMPLE_FILES.png, 415, 'content.attachment.type_mismatch'],
        ['photo.jpg', SAMPLE_FILES.html, 415, 'content.attachment.type_mismatch'],
        ['fake.docx', SAMPLE_FILES.zip, 415, 'content.attachment.type_mismatch'],
        ['sheet.docx', SAMPLE_FILES.xlsx, 415, 'content.attachment.type_mismatch'],
        ['old.doc', SAMPLE_FILES.pdf, 415, 'content.attachment.type_mismatch'],
        ['clip.mp4', SAMPLE_FILES.mp3, 415, 'content.attachment.type_mismatch'],
        ['big.pdf', Buffer.concat([SAMPLE_FILES.pdf, Buffer.alloc(LIMIT, 0x20)]), 413, 'content.attachment.too_large'],
        ['empty.pdf', Buffer.alloc(0), 400, 'content.attachment.empty'],
      ];
      for (const [name, content, status, code] of cases) {
        const res = await upload(document.id, name, content);
        assert.equal(res.statusCode, status, `${name}: ${res.body}`);
        assert.equal((res.json() as Problem).code, code, name);
      }
      const mismatch = await upload(document.id, 'report.pdf', SAMPLE_FILES.png);
      assert.equal((mismatch.json() as Problem).detail, '文件内容与扩展名“pdf”不符（检测到：PNG 图片），请上传真实的PDF 文档文件');
      assert.deepEqual(filesUnder(store), [], 'the attachment store holds no file, not even a temporary one');
      assert.equal(await rowCount(), 0);
    });

    test('every allowed type is accepted when the content agrees; stored under a server name with its SM3', async () => {
      const { document } = await newDraft();
      const good: [string, Buffer, string][] = [
        ['通知.pdf', SAMPLE_FILES.pdf, 'application/pdf'], ['版式.ofd', SAMPLE_FILES.ofd, 'application/ofd'],
        ['旧版.doc', SAMPLE_FILES.doc, 'application/msword'], ['旧表.xls', SAMPLE_FILES.doc, 'application/vnd.ms-excel'],
        ['正文.docx', SAMPLE_FILES.docx, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
        ['统计.xlsx', SAMPLE_FILES.xlsx, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        ['图.JPG', SAMPLE_FILES.jpg, 'image/jpeg'], ['图.png', SAMPLE_FILES.png, 'image/png'], ['动图.gif', SAMPLE_FILES.gif, 'image/gif'],
        ['图.webp', SAMPLE_FILES.webp, 'image/webp'], ['解读.mp3', SAMPLE_FILES.mp3, 'audio/mpeg'], ['帧.mp3', SAMPLE_FILES.mp3Frame, 'audio/mpeg'],
        ['视频.mp4', SAMPLE_FILES.mp4, 'video/mp4'],
      ];
      for (const [name, content, mime] of good) {
        const res = await upload(document.id, name, content);
        assert.equal(res.statusCode, 201, `${name}: ${res.body}`);
        const { attachment } = res.json() as Uploaded;
        assert.equal(attachment.mime, mime, name);
        assert.equal(attachment.size, content.length);
        assert.equal(attachment.sm3, sm3Hex(content));
        assert.equal(attachment.originalName, name);
        const row = await ctx.platform.db.selectFrom('attachments').select('stored_name').where('id', '=', attachment.id).executeTakeFirstOrThrow();
        assert.match(row.stored_name, /^2026\/11\/[0-9a-f]{32}\.[a-z0-9]+$/);
        assert.deepEqual(fs.readFileSync(path.join(store, row.stored_name)), content);
      }
      assert.ok(!fs.existsSync(path.join(store, '.tmp')) || fs.readdirSync(path.join(store, '.tmp')).length === 0, 'no temporary file stays');
    });

    test('the original name is metadata only (sanitized); download sends it RFC 5987-encoded to staff in scope', async () => {
      const { document } = await newDraft();
      const res = await upload(document.id, '..\\..\\etc\\关于2026年<工作>安排.pdf', SAMPLE_FILES.pdf);
      assert.equal(res.statusCode, 201, res.body);
      const { attachment } = res.json() as Uploaded;
      assert.equal(attachment.originalName, '关于2026年_工作_安排.pdf');
      const dl = await supervisor.request('GET', `/api/v1/attachments/${attachment.id}/download`);
      assert.equal(dl.statusCode, 200, dl.body);
      assert.equal(dl.headers['content-type'], 'application/pdf');
      assert.equal(dl.headers['content-disposition'], `attachment; filename="__2026${'_'.repeat(7)}.pdf"; filename*=UTF-8''${encodeURIComponent('关于2026年_工作_安排.pdf')}`);
      assert.deepEqual(dl.rawPayload, SAMPLE_FILES.pdf);
      const nj = await signIn(ctx.app, ctx.accounts.nj_editor!, clock);
      const refused = await nj.request('GET', `/api/v1/attachments/${attachment.id}/download`);
      assert.equal(refused.statusCode, 404);
      assert.equal((refused.json() as Problem).code, 'content.attachment.not_found');
    });

    test('deleting works on a draft only; a new edition shares files with the published one', async () => {
      const { document, edition } = await newDraft();
      const first = (await upload(document.id, '第一份.pdf', SAMPLE_FILES.pdf)).json() as Uploaded;
      const second = (await upload(document.id, '第二份.png', SAMPLE_FILES.png)).json() as Uploaded;
      const stored = async (id: number) => (await ctx.platform.db.selectFrom('attachments').select('stored_name').where('id', '=', id).executeTakeFirstOrThrow()).stored_name;
      const secondFile = path.join(store, await stored(second.attachment.id));
      const del = await editor.request('DELETE', `/api/v1/attachments/${second.attachment.id}`);
      assert.equal(del.statusCode, 200, del.body);
      assert.ok(!fs.existsSync(secondFile), 'an unshared file is removed with its row');

      await inTransaction(ctx.platform.db, async (trx) => {
        await setEditionStatus(trx, { editionId: edition.id, to: 'in_review', actor: systemActor('t'), now: clock.now() });
        await setEditionStatus(trx, { editionId: edition.id, to: 'approved', actor: systemActor('t'), now: clock.now() });
        await markPublished(trx, edition.id, clock.now());
      });
      const locked = await editor.request('DELETE', `/api/v1/attachments/${first.attachment.id}`);
      assert.equal(locked.statusCode, 409);
      assert.equal((locked.json() as Problem).code, 'content.attachment.not_draft');

      // Uploading to a published document starts edition 2, which carries edition 1's attachments.
      const third = (await upload(document.id, '第三份.pdf', SAMPLE_FILES.pdf)).json() as Uploaded;
      assert.notEqual(third.editionId, edition.id);
      const detail = (await editor.request('GET', `/api/v1/documents/${document.id}`)).json() as { edition: { id: number; number: number }; attachments: { id: number; originalName: string }[] };
      assert.equal(detail.edition.number, 2);
      assert.deepEqual(detail.attachments.map((a) => a.originalName), ['第一份.pdf', '第三份.pdf']);
      const copy = detail.attachments.find((a) => a.originalName === '第一份.pdf')!;
      const sharedFile = path.join(store, await stored(copy.id));
      assert.equal(await stored(copy.id), await stored(first.attachment.id));
      assert.equal((await editor.request('DELETE', `/api/v1/attachments/${copy.id}`)).statusCode, 200);
      assert.ok(fs.existsSync(sharedFile), 'the published edition still uses the file');
      const diff = (await editor.request('GET', `/api/v1/documents/${document.id}/diff?from=${edition.id}&to=${detail.edition.id}`)).json() as { attachments: { added: string[]; removed: string[] } };
      assert.deepEqual(diff.attachments, { added: ['第三份.pdf'], removed: ['第一份.pdf'] });
    });

    test('a non-multipart body or a missing file part is refused plainly', async () => {
      const { document } = await newDraft();
      const json = await editor.request('POST', `/api/v1/documents/${document.id}/attachments`, { file: 'x' });
      assert.equal(json.statusCode, 415);
      const { payload, headers } = multipartFile('a.pdf', SAMPLE_FILES.pdf, { field: 'other' });
      const wrong = await editor.request('POST', `/api/v1/documents/${document.id}/attachments`, payload, headers);
      assert.equal(wrong.statusCode, 400, wrong.body);
      assert.equal((wrong.json() as Problem).code, 'content.attachment.missing_file');
      const truncated = await editor.request('POST', `/api/v1/documents/${document.id}/attachments`, payload.subarray(0, payload.length - 30), headers);
      assert.ok(truncated.statusCode >= 400 && truncated.statusCode < 500, truncated.body);
    });
  });
}
