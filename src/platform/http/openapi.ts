import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { access } from '../identity/permissions.js';

/** OpenAPI document at /api/openapi.json and its browsable docs at /api/docs. */
export async function installOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: '集约 Jiyue API', version: '1', description: '省级政府网站集约化平台接口。错误以 application/problem+json 返回，含稳定的 code。' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'jiyue_session' }, csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' } } },
    },
  });
  app.get('/api/openapi.json', { schema: { hide: true }, config: { access: access.public, quietRefusals: true } }, async () => app.swagger());
  // The UI's own routes come from the plugin: mark them public inside this child scope.
  await app.register(async (scope) => {
    scope.addHook('onRoute', (r) => {
      r.config = { ...(r.config ?? {}), access: access.public, quietRefusals: true };
    });
    await scope.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true, uiConfig: { docExpansion: 'list', deepLinking: false } });
  });
}
