import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { selectedEngines } from '../support/engines.js';
import { createTestContext, testConfig, type TestContext } from '../support/platform.js';
import { signIn } from '../support/session.js';
import { createPlatform, type Platform } from '../../src/platform/platform.js';
import { buildApp, type JiyueApp } from '../../src/app.js';
import { registerAllJobs } from '../../src/register-jobs.js';
import { interviewHubOf } from '../../src/modules/interaction/index.js';
import { openSse, seedInterview, seedQuestion, until, type SseClient } from '../support/interview-fixtures.js';

// Two server processes on one PostgreSQL database, as two Fastify servers in this process with
// their own pools, LISTEN connections and hubs: an answer posted on A reaches B's stream.
if (selectedEngines().includes('postgres')) {
  describe('online interviews across two instances (LISTEN/NOTIFY) [postgres]', () => {
    let a: TestContext;
    let bPlatform: Platform;
    let b: JiyueApp;
    const ports: number[] = [];
    const clients: SseClient[] = [];

    before(async () => {
      a = await createTestContext('postgres');
      bPlatform = await createPlatform(testConfig({ dataDir: a.platform.config.dataDir, databaseUrl: a.platform.config.databaseUrl }));
      registerAllJobs(bPlatform);
      b = await buildApp({ platform: bPlatform, logger: false });
      for (const app of [a.app, b]) {
        await app.listen({ port: 0, host: '127.0.0.1' });
        ports.push((app.server.address() as AddressInfo).port);
      }
    });
    after(async () => {
      for (const c of clients) c.close();
      await b.close();
      await bPlatform.close();
      await a.close();
    });

    test('an answer posted on instance A reaches SSE clients of both instances, each instance reading the row once', async () => {
      const iv = await seedInterview(a.platform, 'live');
      const typist = await signIn(a.app, a.accounts.editor!);
      const qid = await seedQuestion(a.platform, iv.id, '两个进程都能收到吗？', true);
      for (const port of [ports[0]!, ports[1]!, ports[1]!]) clients.push(await openSse(port, `/api/v1/public/interviews/${iv.id}/events?after=1`));
      const hubA = interviewHubOf(a.platform)!;
      const hubB = interviewHubOf(bPlatform)!;
      await until(() => hubA.streams === 1 && hubB.streams === 2);
      const [readsA, readsB] = [hubA.reads, hubB.reads];
      const posted = await typist.request('POST', `/api/v1/interviews/${iv.id}/entries`, { kind: 'answer', questionId: qid, body: '能，经由 LISTEN/NOTIFY。' });
      assert.equal(posted.statusCode, 201, posted.body);
      for (const c of clients) {
        const [e] = await c.waitFor(1);
        assert.equal(e!.id, '2');
        assert.equal((JSON.parse(e!.data) as { body: string }).body, '能，经由 LISTEN/NOTIFY。');
      }
      assert.equal(hubA.reads - readsA, 1);
      assert.equal(hubB.reads - readsB, 1, 'instance B reads the new row once for its two clients');
    });
  });
}
