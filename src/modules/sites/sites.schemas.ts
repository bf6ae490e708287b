import { Type } from 'typebox';
import { Id, IdParams, Obj } from '../../platform/http/schema.js';

/*
 * Formats (identifier code, domains, filing numbers) are checked by the operation, not here,
 * so a malformed value gets the registry's own code and a message that says what is expected.
 */
const SiteKind = Type.Union([Type.Literal('province_portal'), Type.Literal('city_portal'), Type.Literal('county_portal'), Type.Literal('department')]);
const SiteStatus = Type.Union([Type.Literal('building'), Type.Literal('open'), Type.Literal('offline'), Type.Literal('closed')]);
const Name = Type.String({ maxLength: 200 });
const Code = Type.String({ maxLength: 20 });
const Domain = Type.String({ maxLength: 300 });
const Aliases = Type.Array(Domain, { maxItems: 10 });
const Filing = Type.Union([Type.String({ maxLength: 64 }), Type.Null()]);
const LogoUrl = Type.Union([Type.String({ maxLength: 500 }), Type.Null()]);
const Contact = Obj({
  phone: Type.Optional(Type.String({ maxLength: 40 })),
  email: Type.Optional(Type.String({ maxLength: 200 })),
  address: Type.Optional(Type.String({ maxLength: 200 })),
});

const SiteOut = Obj({
  id: Id, code: Type.String(), kind: SiteKind, ownerOrgId: Id, ownerOrgName: Type.String(), name: Type.String(),
  primaryDomain: Type.String(), aliases: Type.Array(Type.String()), localDomain: Type.String(),
  icpNumber: Type.Union([Type.String(), Type.Null()]), policeNumber: Type.Union([Type.String(), Type.Null()]),
  hostUnit: Type.String(), contact: Obj({ phone: Type.String(), email: Type.String(), address: Type.String() }),
  logoUrl: Type.Union([Type.String(), Type.Null()]), status: SiteStatus,
  createdBy: Type.Union([Id, Type.Null()]), createdAt: Type.Integer(), updatedAt: Type.Integer(),
});
const Warning = Obj({ field: Type.String(), code: Type.String(), message: Type.String() });
const SiteWrite = Obj({ site: SiteOut, warnings: Type.Array(Warning) });

export const listSitesSchema = {
  tags: ['sites'], summary: '网站列表 / Sites',
  querystring: Obj({
    q: Type.Optional(Type.String({ maxLength: 100 })), kind: Type.Optional(SiteKind), status: Type.Optional(SiteStatus), ownerOrgId: Type.Optional(Id),
  }),
  response: { 200: Obj({ total: Type.Integer(), items: Type.Array(SiteOut) }) },
};

export const getSiteSchema = { tags: ['sites'], summary: '网站详情 / Site', params: IdParams, response: { 200: Obj({ site: SiteOut }) } };

export const createSiteSchema = {
  tags: ['sites'], summary: '新建网站 / Register site',
  body: Obj({
    kind: SiteKind, ownerOrgId: Id, name: Name, code: Code, primaryDomain: Domain, aliases: Type.Optional(Aliases),
    icpNumber: Type.Optional(Filing), policeNumber: Type.Optional(Filing), hostUnit: Type.Optional(Name),
    contact: Type.Optional(Contact), logoUrl: Type.Optional(LogoUrl), status: Type.Optional(SiteStatus),
  }),
  response: { 201: SiteWrite },
};

export const updateSiteSchema = {
  tags: ['sites'], summary: '修改网站 / Update site', params: IdParams,
  body: Obj({
    kind: Type.Optional(SiteKind), ownerOrgId: Type.Optional(Id), name: Type.Optional(Name), code: Type.Optional(Code),
    primaryDomain: Type.Optional(Domain), aliases: Type.Optional(Aliases), icpNumber: Type.Optional(Filing), policeNumber: Type.Optional(Filing),
    hostUnit: Type.Optional(Name), contact: Type.Optional(Contact), logoUrl: Type.Optional(LogoUrl), status: Type.Optional(SiteStatus),
  }),
  response: { 200: SiteWrite },
};

export const updateSiteSettingsSchema = {
  tags: ['sites'], summary: '修改网站设置（名称、标志、联系方式） / Update site settings', params: IdParams,
  body: Obj({ name: Type.Optional(Name), logoUrl: Type.Optional(LogoUrl), contact: Type.Optional(Contact) }),
  response: { 200: Obj({ site: SiteOut }) },
};
