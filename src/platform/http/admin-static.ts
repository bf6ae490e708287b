import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';
import { access } from '../identity/permissions.js';

export const ADMIN_DIST = fileURLToPath(new URL('../../../admin/dist/', import.meta.url));

/**
 * Serves the built console at /admin/, with index.html for client-side routes. `ownsRoot`: no
 * public site is served by this process (role admin without public), so `/` leads to the console.
 */
export async function installAdminStatic(app: FastifyInstance, { ownsRoot = false }: { ownsRoot?: boolean } = {}): Promise<void> {
  const hasBuild = fs.existsSync(`${ADMIN_DIST}index.html`);
  await app.register(async (scope) => {
    scope.addHook('onRoute', (r) => {
      r.config = { ...(r.config ?? {}), access: access.public, quietRefusals: true };
    });
    if (hasBuild) {
      await scope.register(fastifyStatic, { root: ADMIN_DIST, prefix: '/admin/', wildcard: false, index: ['index.html'], maxAge: '1h', immutable: false });
    }
    const sendIndex = async (_req: unknown, reply: FastifyReply) => {
      if (!hasBuild) return reply.code(503).type('text/plain; charset=utf-8').send('管理后台尚未构建：请运行 npm run build:admin\nAdmin console not built: run npm run build:admin');
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    };
    scope.get('/admin', async (_req, reply) => reply.redirect('/admin/'));
    if (ownsRoot) scope.get('/', async (_req, reply) => reply.redirect('/admin/'));
    if (!hasBuild) scope.get('/admin/', sendIndex);
    scope.get('/admin/*', async (req, reply) => {
      // Asset misses are real 404s; anything else is a console route handled by the SPA.
      if (/\.[a-z0-9]+$/i.test(req.url.split('?')[0] ?? '')) return reply.code(404).send({ code: 'http.not_found' });
      return sendIndex(req, reply);
    });
  });
}
