import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { selectedEngines } from '../support/engines.js';
import { createTestContext, type TestContext } from '../support/platform.js';
import { inTransaction } from '../../src/db/index.js';
import { enqueueLinkCheck, LINK_CHECK_KIND, setLinkCheckSink, type LinkCheckOutcome, type LinkCheckPayload } from '../../src/modules/checks/index.js';

/** A small web server on loopback (allowed for outgoing fetches in test settings). */
async function startServer(): Promise<{ base: string; close: () => Promise<void>; seen: string[] }> {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    if (req.url === '/ok') return void res.writeHead(200).end('ok');
    if (req.url === '/moved') return void res.writeHead(301, { location: '/ok' }).end();
    if (req.url === '/no-head') return void res.writeHead(req.method === 'HEAD' ? 405 : 200).end();
    if (req.url === '/gone') return void res.writeHead(404).end();
    return void res.writeHead(500).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, seen, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

for (const engine of selectedEngines()) {
  describe(`link check job 'checks.links' [${engine}]`, () => {
    let ctx: TestContext;
    let web: Awaited<ReturnType<typeof startServer>>;
    before(async () => {
      ctx = await createTestContext(engine);
      web = await startServer();
    });
    after(async () => {
      await web.close();
      await ctx.close();
    });

    it('is enqueued with the change (outbox), checks every link through the guard and hands the outcome to the sink', async () => {
      const received: { payload: LinkCheckPayload; outcome: LinkCheckOutcome }[] = [];
      const remove = setLinkCheckSink(async ({ payload, outcome }) => {
        received.push({ payload, outcome });
      });
      try {
        const bodyHtml = `<p>见<a href="${web.base}/ok">甲</a>、<a href="${web.base}/moved">乙</a>、<a href="${web.base}/no-head">丙</a>、<a href="${web.base}/gone">丁</a>、<a href="http://10.1.2.3/intranet">戊</a></p>`;
        const urls = [`${web.base}/ok`, `${web.base}/moved`, `${web.base}/no-head`, `${web.base}/gone`, 'http://10.1.2.3/intranet'];
        // A rolled-back change leaves no job behind.
        await assert.rejects(inTransaction(ctx.platform.db, async (trx) => {
          await enqueueLinkCheck(trx, ctx.platform.jobs, { documentId: 1, urls, bodyHtml });
          throw new Error('rollback');
        }));
        const jobId = await inTransaction(ctx.platform.db, (trx) => enqueueLinkCheck(trx, ctx.platform.jobs, { documentId: 7, urls, bodyHtml }));
        const jobs = await ctx.platform.db.selectFrom('jobs').select(['id']).where('kind', '=', LINK_CHECK_KIND).execute();
        assert.deepEqual(jobs.map((j) => j.id), [jobId]);

        const report = await ctx.platform.jobs.runDue();
        assert.equal(report.succeeded, 1);
        const job = await ctx.platform.jobs.get(ctx.platform.db, jobId);
        assert.equal(job.status, 'succeeded');
        const result = job.result as LinkCheckOutcome;
        assert.equal(result.checked, 5);
        assert.deepEqual(result.broken.map((b) => [b.url.replace(web.base, ''), b.status, b.failure]), [
          ['/gone', 404, 'http_error'],
          ['http://10.1.2.3/intranet', null, 'refused_address'],
        ]);
        assert.deepEqual(result.results.map((r) => [r.rule, r.severity, '见甲、乙、丙、丁、戊'.slice(r.start, r.end)]), [['broken_link', 'warn', '丁'], ['broken_link', 'warn', '戊']]);
        assert.ok(web.seen.includes('GET /no-head'), 'HEAD refused, asked again with GET');
        assert.equal(received.length, 1);
        assert.equal(received[0]?.payload.documentId, 7);
        assert.equal(received[0]?.outcome.broken.length, 2);
      } finally {
        remove();
      }
    });
  });
}
