import { Type } from 'typebox';
import { Id, IdParams, Obj, Ok } from '../../platform/http/schema.js';

/*
 * Shapes only; slug format, link URLs, the review chain and update rules are checked by the
 * operations, so a bad value gets the module's own code and a message naming the field.
 */
const ColumnKind = Type.Union([
  Type.Literal('news'), Type.Literal('notice'), Type.Literal('policy'), Type.Literal('disclosure'),
  Type.Literal('interpretation'), Type.Literal('topic'), Type.Literal('page'), Type.Literal('link'),
]);
const WorkflowRole = Type.Union([Type.Literal('reviewer'), Type.Literal('site_admin')]);
const Step = Obj({ name: Type.String({ maxLength: 40 }), role: WorkflowRole });
const Workflow = Type.Array(Step, { maxItems: 10 });
const UpdateDays = Type.Union([Type.Integer(), Type.Null()]);
const LinkUrl = Type.Union([Type.String({ maxLength: 1000 }), Type.Null()]);
const SortOrder = Type.Integer({ minimum: 0, maximum: 100_000 });
const Text = (max: number) => Type.String({ maxLength: max });

const ColumnOut = Obj({
  id: Id, siteId: Id, parentId: Type.Union([Id, Type.Null()]), path: Type.String(), name: Type.String(), slug: Type.String(),
  kind: ColumnKind, description: Type.String(), keywords: Type.String(), workflow: Type.Array(Obj({ name: Type.String(), role: WorkflowRole })),
  updateDays: UpdateDays, sortOrder: Type.Integer(), visible: Type.Boolean(), linkUrl: LinkUrl, commentsEnabled: Type.Boolean(),
  status: Type.Union([Type.Literal('active'), Type.Literal('deleted')]), mergedIntoId: Type.Union([Id, Type.Null()]),
  createdAt: Type.Integer(), updatedAt: Type.Integer(),
});
const TreeItem = Obj({ ...ColumnOut.properties, depth: Type.Integer(), inScope: Type.Boolean() });
const ColumnReply = Obj({ column: ColumnOut });
const SiteParams = Obj({ siteId: Id });
const Label = Obj({ zh: Type.String(), en: Type.String() });

export const listKindsSchema = {
  tags: ['columns'], summary: '栏目类型与默认更新要求 / Column kinds and default update rules',
  response: {
    200: Obj({
      items: Type.Array(Obj({ kind: ColumnKind, label: Type.String(), labels: Label, rule: Type.String(), topLevelRule: Type.Boolean(), defaultUpdateDays: UpdateDays })),
      defaultWorkflow: Type.Array(Obj({ name: Type.String(), role: WorkflowRole })),
      secrecyStep: Obj({ name: Type.String(), role: Type.String() }),
      workflowRoles: Type.Array(Obj({ role: WorkflowRole, label: Type.String() })),
      maxDepth: Type.Integer(), maxWorkflowSteps: Type.Integer(),
    }),
  },
};

export const listTreeSchema = {
  tags: ['columns'], summary: '站点栏目树 / Column tree of a site', params: SiteParams,
  response: { 200: Obj({ site: Obj({ id: Id, code: Type.String(), name: Type.String() }), canManage: Type.Boolean(), items: Type.Array(TreeItem) }) },
};

export const createColumnSchema = {
  tags: ['columns'], summary: '新建栏目 / Create column', params: SiteParams,
  body: Obj({
    parentId: Type.Optional(Type.Union([Id, Type.Null()])), name: Text(100), slug: Text(64), kind: ColumnKind,
    description: Type.Optional(Text(2000)), keywords: Type.Optional(Text(500)), updateDays: Type.Optional(UpdateDays),
    sortOrder: Type.Optional(SortOrder), visible: Type.Optional(Type.Boolean()), workflow: Type.Optional(Workflow),
    linkUrl: Type.Optional(LinkUrl), commentsEnabled: Type.Optional(Type.Boolean()),
  }),
  response: { 201: ColumnReply },
};

export const updateColumnSchema = {
  tags: ['columns'], summary: '修改栏目 / Update column', params: IdParams,
  body: Obj({
    name: Type.Optional(Text(100)), slug: Type.Optional(Text(64)), kind: Type.Optional(ColumnKind),
    description: Type.Optional(Text(2000)), keywords: Type.Optional(Text(500)), updateDays: Type.Optional(UpdateDays),
    visible: Type.Optional(Type.Boolean()), workflow: Type.Optional(Workflow), linkUrl: Type.Optional(LinkUrl),
    commentsEnabled: Type.Optional(Type.Boolean()),
  }),
  response: { 200: ColumnReply },
};

export const moveColumnSchema = {
  tags: ['columns'], summary: '移动或排序栏目 / Move or reorder column', params: IdParams,
  body: Obj({ parentId: Type.Union([Id, Type.Null()]), sortOrder: Type.Optional(SortOrder) }),
  response: { 200: ColumnReply },
};

export const mergeColumnSchema = {
  tags: ['columns'], summary: '合并栏目 / Merge column into another', params: IdParams,
  body: Obj({ intoId: Id }),
  response: { 200: Obj({ into: ColumnOut, documentsMoved: Type.Integer(), childrenMoved: Type.Integer() }) },
};

export const deleteColumnSchema = {
  tags: ['columns'], summary: '删除空栏目 / Delete empty column', params: IdParams,
  response: { 200: Ok },
};
