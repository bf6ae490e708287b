import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Platform } from '../platform.js';
import { access } from './permissions.js';
import { Id, IdParams, Obj, Ok, Page, PageSize, VisibleText } from '../http/schema.js';
import { requestLocale } from '../http/problem.js';
import { identityDeps } from './identity-deps.js';
import { listOrgs } from './orgs.repo.js';
import { createOrg } from './operations/create-org.js';
import { createUser, resetPassword, resetTotp, unlockUser, updateUser } from './operations/manage-users.js';
import { grantRole, revokeGrant } from './operations/manage-grants.js';
import { listGrants } from './grants.repo.js';
import { listUsers, type UserRow } from './users.repo.js';
import { orgIdsInScope } from './scope.js';
import { ROLE_LABELS, ROLE_SCOPES, ROLES } from './roles.js';

const OrgKind = Type.Union([Type.Literal('government'), Type.Literal('general_office'), Type.Literal('department'), Type.Literal('township')]);
const ScopeType = Type.Union([Type.Literal('platform'), Type.Literal('org'), Type.Literal('site'), Type.Literal('column')]);
const Username = Type.String({ minLength: 3, maxLength: 64, pattern: '^[A-Za-z][A-Za-z0-9_.-]*$' });
const DisplayName = VisibleText(100);

export async function identityRoutes(fastify: FastifyInstance, { platform }: { platform: Platform }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const deps = identityDeps(platform);
  const db = platform.db;

  app.get('/api/v1/orgs', { schema: { tags: ['identity'], summary: '机构树 / Organization tree' }, config: { access: access.permission('identity.orgs.read') } }, async () => {
    const items = (await listOrgs(db)).map(({ path: _path, ...o }) => o);
    return { items };
  });

  app.post('/api/v1/orgs', {
    schema: { tags: ['identity'], summary: '新增机构 / Create organization', body: Obj({ parentId: Id, name: VisibleText(200), kind: OrgKind, divisionCode: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })), creditCode: Type.Optional(Type.String({ pattern: '^([0-9A-Z]{9}|[0-9A-Z]{18})$' })) }) },
    config: { access: access.permission('identity.orgs.manage') },
  }, async (req, reply) => {
    const { path: _path, ...org } = await createOrg({ db, actor: req.actor, input: req.body, deps });
    return reply.code(201).send({ org });
  });

  app.get('/api/v1/users', {
    schema: { tags: ['identity'], summary: '用户列表 / Users', querystring: Obj({ q: Type.Optional(Type.String({ maxLength: 64 })), orgId: Type.Optional(Id), page: Type.Optional(Page), pageSize: Type.Optional(PageSize) }) },
    config: { access: access.permission('identity.users.read') },
  }, async (req) => {
    const scope = await orgIdsInScope(db, req.actor, 'identity.users.read');
    let orgIds = scope === 'all' ? undefined : scope;
    if (req.query.orgId !== undefined) orgIds = orgIds === undefined || orgIds.includes(req.query.orgId) ? [req.query.orgId] : [];
    const { rows, total } = await listUsers(db, { q: req.query.q, orgIds, page: req.query.page ?? 1, pageSize: req.query.pageSize ?? 20 });
    const grants = await listGrants(db, { userIds: rows.map((r) => r.id) });
    const lang = requestLocale(req) === 'en' ? 'en' : 'zh';
    const now = platform.clock.now();
    return {
      total,
      items: rows.map((u) => ({
        ...userView(u, now), orgName: u.org_name,
        roles: grants.filter((g) => g.userId === u.id).map((g) => ({ grantId: g.id, role: g.role, roleLabel: ROLE_LABELS[g.role][lang], scopeType: g.scopeType, scopeId: g.scopeId, scopeName: g.scopeName })),
      })),
    };
  });

  app.post('/api/v1/users', {
    schema: { tags: ['identity'], summary: '新建用户 / Create user', body: Obj({ username: Username, displayName: DisplayName, orgId: Id, email: Type.Optional(Type.String({ format: 'email', maxLength: 200 })), phone: Type.Optional(Type.String({ pattern: '^[0-9+\\- ]{5,20}$' })) }) },
    config: { access: access.permission('identity.users.manage') },
  }, async (req, reply) => {
    const { user, initialPassword } = await createUser({ db, actor: req.actor, input: req.body, deps });
    return reply.code(201).send({ user: userView(user, platform.clock.now()), initialPassword });
  });

  app.patch('/api/v1/users/:id', {
    schema: { tags: ['identity'], summary: '修改用户 / Update user', params: IdParams, body: Obj({ displayName: Type.Optional(DisplayName), orgId: Type.Optional(Id), status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])) }) },
    config: { access: access.permission('identity.users.manage') },
  }, async (req) => {
    const user = await updateUser({ db, actor: req.actor, userId: req.params.id, input: req.body, deps });
    return { user: userView(user, platform.clock.now()) };
  });

  app.post('/api/v1/users/:id/reset-password', { schema: { tags: ['identity'], summary: '重置密码 / Reset password', params: IdParams }, config: { access: access.permission('identity.users.manage') } },
    async (req) => resetPassword({ db, actor: req.actor, userId: req.params.id, deps }));

  app.post('/api/v1/users/:id/unlock', { schema: { tags: ['identity'], summary: '解除锁定 / Unlock', params: IdParams, response: { 200: Ok } }, config: { access: access.permission('identity.lockout.manage') } },
    async (req) => { await unlockUser({ db, actor: req.actor, userId: req.params.id, deps }); return { ok: true }; });

  app.post('/api/v1/users/:id/reset-totp', { schema: { tags: ['identity'], summary: '重置双因素认证 / Reset 2FA', params: IdParams, response: { 200: Ok } }, config: { access: access.permission('identity.lockout.manage') } },
    async (req) => { await resetTotp({ db, actor: req.actor, userId: req.params.id, deps }); return { ok: true }; });

  app.get('/api/v1/roles', { schema: { tags: ['identity'], summary: '角色 / Roles' }, config: { access: access.permission('identity.grants.read') } }, async (req) => {
    const lang = requestLocale(req) === 'en' ? 'en' : 'zh';
    return { items: ROLES.map((role) => ({ role, label: ROLE_LABELS[role][lang], scopes: ROLE_SCOPES[role] })) };
  });

  app.get('/api/v1/grants', {
    schema: { tags: ['identity'], summary: '授权列表 / Role grants', querystring: Obj({ userId: Type.Optional(Id) }) },
    config: { access: access.permission('identity.grants.read') },
  }, async (req) => {
    const lang = requestLocale(req) === 'en' ? 'en' : 'zh';
    const items = await listGrants(db, req.query.userId !== undefined ? { userId: req.query.userId } : {});
    return { items: items.map(({ scopePath: _p, ...g }) => ({ ...g, roleLabel: ROLE_LABELS[g.role][lang] })) };
  });

  app.post('/api/v1/grants', {
    schema: { tags: ['identity'], summary: '授予角色 / Grant role', body: Obj({ userId: Id, role: Type.String({ minLength: 1, maxLength: 48 }), scopeType: ScopeType, scopeId: Type.Optional(Id) }) },
    config: { access: access.permission('identity.grants.manage') },
  }, async (req, reply) => {
    const { scopePath: _p, ...grant } = await grantRole({ db, actor: req.actor, input: req.body, deps });
    return reply.code(201).send({ grant });
  });

  app.delete('/api/v1/grants/:id', { schema: { tags: ['identity'], summary: '撤销授权 / Revoke grant', params: IdParams, response: { 200: Ok } }, config: { access: access.permission('identity.grants.manage') } },
    async (req) => { await revokeGrant({ db, actor: req.actor, grantId: req.params.id, deps }); return { ok: true }; });
}

function userView(u: UserRow, now: number) {
  return {
    id: u.id, username: u.username, displayName: u.display_name, orgId: u.org_id, status: u.status,
    lockedUntil: u.locked_until !== null && u.locked_until > now ? u.locked_until : null, totpEnabled: u.totp_enabled === 1,
  };
}
