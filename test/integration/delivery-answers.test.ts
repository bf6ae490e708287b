/**
 * What the public server answers at the edges QA looked at: a folder redirect keeps the query,
 * the 404 page is a 404 by name too, attachments go out with their type (and withdrawn ones with
 * the HTML notice's), every answer carries the security headers (those given before routing and
 * by the hooks too), HEAD has GET's Content-Length, and the public JSON API is not cached.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type net from 'node:net';
import { Readable } from 'node:stream';
import { selectedEngines } from '../support/engines.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import { rawRequest } from '../support/raw-http.js';
import { goodPages, htmlPage, PORTAL, type GoodPages } from '../support/page-fixtures.js';
import { seedInterview } from '../support/interview-fixtures.js';
import { ONE_STEP, workflowDraft } from '../support/workflow-fixtures.js';
import { systemActor } from '../../src/platform/identity/actor.js';
import { contentDeps } from '../../src/modules/content/content-deps.js';
import { uploadAttachment } from '../../src/modules/content/operations/upload-attachment.js';
import { approveDocument, submitDocument, withdrawDocument, workflowDeps } from '../../src/modules/workflow/index.js';
import { HTML_TYPE, pageStoreFor } from '../../src/modules/publishing/page-store/index.js';
import { PAGES_CHANGED_CHANNEL, PUBLIC_CSP } from '../../src/modules/delivery/index.js';

const HOST = `${PORTAL}.localhost`;
const NOTICE = Buffer.from('<!DOCTYPE html><title>已撤回</title><h1>该信息已撤回</h1>');

/** Attachment and media types by extension (IANA registrations; see page-path.ts for the rest). */
const TYPES: Readonly<Record<string, string>> = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  wps: 'application/vnd.ms-works',
  ofd: 'application/ofd',
  zip: 'application/zip',
  rar: 'application/vnd.rar',
  '7z': 'application/x-7z-compressed',
  txt: 'text/plain; charset=utf-8',
  csv: 'text/csv',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  mp3: 'audio/mpeg',
  mp4: 'video/mp4',
};

for (const engine of selectedEngines()) {
  describe(`public server answers: redirects, 404, types, headers, HEAD, API caching [${engine}]`, () => {
    let ctx: TestContext;
    let pages: GoodPages;
    const get = (url: string, headers: Record<string, string> = {}, method: 'GET' | 'HEAD' = 'GET') =>
      ctx.app.inject({ method, url, headers: { host: HOST, ...headers } });
    /** Writes through the store, as publishing does, and waits until the public server has heard of it. */
    const apply = async (changes: Parameters<GoodPages['store']['apply']>[1]) => {
      const result = await pages.store.apply(PORTAL, changes);
      // On PostgreSQL the event comes back through LISTEN/NOTIFY: wait until it is delivered here.
      const delivered = new Promise<void>((resolve) => {
        const stop = ctx.platform.events.subscribe(PAGES_CHANGED_CHANNEL, () => { stop(); resolve(); });
      });
      await ctx.platform.events.publish({ channel: PAGES_CHANGED_CHANNEL, data: { siteCode: PORTAL } });
      await delivered;
      return result;
    };

    before(async () => {
      ctx = await createTestContext(engine);
      pages = goodPages(ctx.platform);
      await pages.publish(PORTAL, [
        { path: '/', body: htmlPage('江苏省人民政府') },
        { path: '/zwdt/cwhy/', body: htmlPage('常务会议') },
        { path: '/404.html', body: Buffer.from('<!DOCTYPE html><title>省政府 404</title><h1>页面不存在</h1>') },
        ...Object.keys(TYPES).map((ext) => ({ path: `/files/2558/1.${ext}`, body: Buffer.from(`bytes of a .${ext} file`) })),
      ]);
    });
    after(async () => { await ctx.close(); });

    test('a folder named without its slash redirects to it with the query kept', async () => {
      const cases: [string, string][] = [
        ['/zwdt/cwhy?a=1&b=2', '/zwdt/cwhy/?a=1&b=2'],
        ['/zwdt/cwhy', '/zwdt/cwhy/'],
        ['/zwdt/cwhy?', '/zwdt/cwhy/'],
        ['/zwdt/cwhy?q=%E4%B8%AD%E6%96%87&x', '/zwdt/cwhy/?q=%E4%B8%AD%E6%96%87&x'],
      ];
      for (const [url, location] of cases) {
        const res = await get(url);
        assert.equal(res.statusCode, 301, url);
        assert.equal(res.headers.location, location, url);
      }
    });

    test('/404.html asked for by name answers 404 with the page, HEAD too', async () => {
      const res = await get('/404.html');
      assert.equal(res.statusCode, 404);
      assert.match(res.body, /省政府 404/);
      assert.equal(res.headers.etag, undefined, 'a 404 carries no validator');
      const miss = await get('/no/such/page.html');
      assert.equal(miss.body, res.body, 'the same page a miss gets');
      const head = await get('/404.html', {}, 'HEAD');
      assert.equal(head.statusCode, 404);
      assert.equal(head.rawPayload.length, 0);
      assert.equal(head.headers['content-length'], String(res.rawPayload.length));
      // A visitor who chose 繁體 is no exception.
      assert.equal((await get('/404.html', { cookie: 'jy_script=hant' })).statusCode, 404);
    });

    test('stored files go out with the type of their extension, nosniff; an SVG may run no script', async () => {
      for (const [ext, type] of Object.entries(TYPES)) {
        const res = await get(`/files/2558/1.${ext}`);
        assert.equal(res.statusCode, 200, ext);
        assert.equal(res.headers['content-type'], type, ext);
        assert.equal(res.headers['x-content-type-options'], 'nosniff', ext);
        // The original file name is not in the manifest: no Content-Disposition (see the report of this change).
        assert.equal(res.headers['content-disposition'], undefined, ext);
      }
      assert.equal((await get('/files/2558/1.pdf', {}, 'HEAD')).headers['content-type'], 'application/pdf');
      const svg = String((await get('/files/2558/1.svg')).headers['content-security-policy']);
      assert.match(svg, /(^|; )sandbox(;|$)/);
      assert.match(svg, /default-src 'none'/);
      assert.doesNotMatch(svg, /script-src/);
      assert.equal((await get('/files/2558/1.pdf')).headers['content-security-policy'], PUBLIC_CSP);
    });

    test('a manifest written before the type table knew the extension still serves the type; the next publish corrects the entry without rewriting the file', async () => {
      const store = pages.store;
      const body = Buffer.from('%PDF-1.4 an older manifest');
      // What earlier versions listed for a PDF.
      await apply({ write: [{ path: '/files/100/1.pdf', body, type: 'application/octet-stream' }] });
      assert.equal((await store.manifest(PORTAL)).entries.get('/files/100/1.pdf')?.type, 'application/octet-stream');
      assert.equal((await get('/files/100/1.pdf')).headers['content-type'], 'application/pdf');
      const again = await apply({ write: [{ path: '/files/100/1.pdf', body }] });
      assert.deepEqual([again.written, again.unchanged], [0, 1]);
      assert.equal((await store.manifest(PORTAL)).entries.get('/files/100/1.pdf')?.type, 'application/pdf');
      const res = await get('/files/100/1.pdf');
      assert.equal(res.headers['content-type'], 'application/pdf');
      assert.deepEqual(res.rawPayload, body);
    });

    test('a withdrawn attachment\'s 410 notice is text/html, also from manifests that list the old file type', async () => {
      await apply({
        write: [
          { path: '/files/200/1.pdf', body: NOTICE, status: 410, type: HTML_TYPE },
          // Older manifests: the notice listed with the replaced file's type.
          { path: '/files/200/2.pdf', body: NOTICE, status: 410, type: 'application/octet-stream' },
          { path: '/files/200/3.png', body: NOTICE, status: 410, type: 'image/png' },
          { path: '/gone-column/rss.xml', body: NOTICE, status: 410 },
          { path: '/json/articles/200.json', body: Buffer.from('{"id":200,"gone":true}'), status: 410 },
        ],
      });
      for (const url of ['/files/200/1.pdf', '/files/200/2.pdf', '/files/200/3.png', '/gone-column/rss.xml']) {
        const res = await get(url);
        assert.equal(res.statusCode, 410, url);
        assert.equal(res.headers['content-type'], 'text/html; charset=utf-8', url);
        assert.match(res.body, /该信息已撤回/, url);
      }
      assert.equal((await get('/json/articles/200.json')).headers['content-type'], 'application/json; charset=utf-8');
    });

    test('published through the pipeline: an attachment is sent as application/pdf, and once withdrawn its notice as text/html', async () => {
      const { platform } = ctx;
      const actor = systemActor('delivery-test');
      const { documentId } = await workflowDraft(platform, { workflow: ONE_STEP, title: '关于印发附件类型的通知' });
      const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n'), Buffer.alloc(200, 0x20), Buffer.from('\n%%EOF\n')]);
      const { attachment } = await uploadAttachment({
        db: platform.db, actor, documentId, deps: contentDeps(platform),
        file: { filename: '关于2026年工作安排.pdf', stream: Readable.from([pdf]), isTruncated: () => false },
      });
      const deps = workflowDeps(platform);
      await submitDocument({ db: platform.db, actor, documentId, deps });
      for (let step = 0; step <= ONE_STEP.length; step++) await approveDocument({ db: platform.db, actor, documentId, input: { step }, deps });
      await platform.jobs.runDue();
      const url = `/files/${documentId}/${attachment.id}.pdf`;
      const live = await get(url);
      assert.equal(live.statusCode, 200);
      assert.equal(live.headers['content-type'], 'application/pdf');
      assert.deepEqual(live.rawPayload, pdf);
      await withdrawDocument({ db: platform.db, actor, documentId, input: { reason: '信息有误', showPublicly: true }, deps });
      await platform.jobs.runDue();
      const gone = await get(url);
      assert.equal(gone.statusCode, 410);
      assert.equal(gone.headers['content-type'], 'text/html; charset=utf-8');
      assert.match(gone.body, /撤/);
      assert.equal((await pageStoreFor(platform).manifest(PORTAL)).entries.get(url)?.type, HTML_TYPE, 'the manifest lists the notice as HTML');
    });

    test('answers refused early (bad percent-encoding, NUL in the path or query) carry the security headers', async () => {
      for (const url of ['/%zz', '/art/%00.html', '/search.html?q=%00', '/api/v1/public/%zz', '/zwgk/%E4%zz.html']) {
        const res = await get(url);
        assert.equal(res.statusCode, 400, url);
        assert.match(String(res.headers['content-security-policy']), /script-src 'self'/, url);
        assert.equal(res.headers['x-content-type-options'], 'nosniff', url);
        assert.equal(res.headers['x-frame-options'], 'SAMEORIGIN', url);
        assert.ok(res.headers['strict-transport-security'], url);
      }
      // On a site path, what the hooks refuse carries the public set like the pages, and is a page.
      assert.equal((await get('/art/%00.html')).headers['content-security-policy'], PUBLIC_CSP);
      assert.equal((await get('/search.html?q=%00')).headers['content-security-policy'], PUBLIC_CSP);
      for (const url of ['/art/%00.html', '/search.html?q=%00', '/letters/public.html?mailbox=%00', '/survey.html?id=%00']) {
        const res = await get(url);
        assert.equal(res.statusCode, 400, url);
        assert.equal(res.headers['content-type'], 'text/html; charset=utf-8', url);
        assert.match(res.body, /请求有误/, url);
      }
      const api = await get('/api/v1/public/search?q=%00');
      assert.match(String(api.headers['content-type']), /^application\/problem\+json/);
      assert.equal(api.json<{ code: string }>().code, 'http.invalid_text');
    });

    test('the same over a real socket', async () => {
      const address = await ctx.app.listen({ port: 0, host: '127.0.0.1' });
      for (const url of ['/%zz', '/art/%00.html', '/search.html?q=%00', '/api/v1/public/%zz']) {
        const res = await fetch(`${address}${url}`, { headers: { host: HOST } });
        assert.equal(res.status, 400, url);
        for (const h of ['content-security-policy', 'x-content-type-options', 'x-frame-options']) assert.ok(res.headers.get(h), `${url}: ${h}`);
      }
    });

    test('two Host field lines, or a Host value that is no host, answer 400 (RFC 9112 §3.2); one good Host is served', async () => {
      const port = Number(new URL(ctx.app.server.listening ? `http://127.0.0.1:${(ctx.app.server.address() as net.AddressInfo).port}` : await ctx.app.listen({ port: 0, host: '127.0.0.1' })).port);
      const send = async (head: string) => (await rawRequest(port, `GET / HTTP/1.1\r\n${head}Connection: close\r\n\r\n`)).status;
      assert.equal(await send(`Host: ${HOST}\r\nHost: 3201000001.localhost\r\n`), 400);
      assert.equal(await send('Host: a b\r\n'), 400);
      assert.equal(await send(`Host: ${HOST}\r\n`), 200);
      // HTTP/1.0 without Host (old health checkers) still gets an answer, not a 400.
      const http10 = (await rawRequest(port, 'GET / HTTP/1.0\r\n\r\n')).status;
      assert.notEqual(http10, 400);
      assert.ok(http10 > 0 && http10 < 500, String(http10));
    });

    test('a page linked with a query it cannot read (GBK escapes, a stray %) is still served; an unknown API path with a query is 404', async () => {
      for (const url of ['/?kw=%D5%FE%B8%AE', '/?utm=50%off', '/search.html?q=%D5%FE%B8%AE']) {
        const res = await get(url);
        assert.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 200)}`);
        assert.match(String(res.headers['content-type']), /^text\/html/, url);
      }
      for (const url of ['/api/v1/nonexistent?x=1', '/api/v1/public/nonexistent?x=1']) {
        const res = await get(url);
        assert.equal(res.statusCode, 404, `${url}: ${res.body.slice(0, 200)}`);
      }
    });

    test('If-Match: the page\'s own tag or * is served, another tag is 412 without a body (RFC 9110 §13.1.1)', async () => {
      const page = await get('/');
      assert.equal(page.statusCode, 200);
      const etag = String(page.headers.etag);
      assert.equal((await get('/', { 'if-match': etag })).statusCode, 200);
      assert.equal((await get('/', { 'if-match': '*' })).statusCode, 200);
      const stale = await get('/', { 'if-match': '"0000"' });
      assert.equal(stale.statusCode, 412);
      assert.equal(stale.body, '');
    });

    test('HEAD on the dynamic pages has GET\'s status and headers, Content-Length included, and no body', async () => {
      for (const url of ['/search.html', '/search.html?q=%E6%94%BF%E5%8A%A1', '/letters.html', '/_pv.gif']) {
        const got = await get(url);
        const head = await get(url, {}, 'HEAD');
        assert.equal(head.statusCode, got.statusCode, url);
        assert.ok(got.headers['content-length'], url);
        assert.equal(head.headers['content-length'], got.headers['content-length'], url);
        assert.equal(head.rawPayload.length, 0, url);
        const names = (h: Record<string, unknown>) => Object.keys(h).filter((k) => k !== 'date').sort();
        assert.deepEqual(names(head.headers), names(got.headers), url);
      }
    });

    test('the public JSON API answers Cache-Control: no-store unless the route sets its own', async () => {
      for (const url of [
        '/api/v1/public/search?q=%E6%94%BF%E5%8A%A1', '/api/v1/public/search/suggest?prefix=%E6%94%BF', `/api/v1/public/sites/${PORTAL}/mailboxes`,
        `/api/v1/public/sites/${PORTAL}/letter-statistics`, '/api/v1/public/no-such-thing', '/api/v1/public/%zz',
      ]) {
        const res = await get(url);
        assert.ok(res.statusCode < 500, `${url} → ${res.statusCode}`);
        assert.equal(res.headers['cache-control'], 'no-store', url);
      }
      // A route that means to be cached keeps its own: interview pictures.
      const interview = await seedInterview(ctx.platform);
      const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR sample')]);
      const { id } = await ctx.platform.db.insertInto('interview_images')
        .values({ interview_id: interview.id, file_name: 'm.png', mime: 'image/png', size: png.length, content: png.toString('base64'), created_at: 0 })
        .returning('id').executeTakeFirstOrThrow();
      const img = await get(`/api/v1/public/interview-images/${id}`);
      assert.equal(img.statusCode, 200);
      assert.equal(img.headers['cache-control'], 'public, max-age=3600');
      // The console API is not the public API: no default added there.
      assert.equal((await get('/healthz')).headers['cache-control'], undefined);
    });
  });
}
