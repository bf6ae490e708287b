import { Type } from 'typebox';
import { MAX_YEAR, MIN_YEAR } from './validate-import.js';

const tags = ['calendar'];

export const statusSchema = {
  tags, summary: '节假日数据状态（缺少哪些年份） / Calendar data status',
  querystring: Type.Object({}, { additionalProperties: false }),
};

export const yearSchema = {
  tags, summary: '某年的放假日和调休上班日 / Exception days of a year',
  params: Type.Object({ year: Type.Integer({ minimum: MIN_YEAR, maximum: MAX_YEAR }) }, { additionalProperties: false }),
};

const importDay = Type.Object({
  date: Type.String({ maxLength: 20 }),
  kind: Type.String({ maxLength: 20 }),
  name: Type.String({ maxLength: 200 }),
}, { additionalProperties: false });

/** Either `{year, days}` or `{csv}`; which one is checked in toImportInput, with a plain message. */
export const importSchema = {
  tags, summary: '导入一年的节假日数据（替换该年已有数据） / Import a year of holiday data',
  body: Type.Object({
    year: Type.Optional(Type.Integer()),
    days: Type.Optional(Type.Array(importDay, { maxItems: 400 })),
    csv: Type.Optional(Type.String({ maxLength: 100_000 })),
  }, { additionalProperties: false }),
};

export const checkSchema = {
  tags, summary: '查询某天是否工作日并预览期限 / Is a day a working day; deadline preview',
  querystring: Type.Object({
    date: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
    add: Type.Optional(Type.Integer({ minimum: 0, maximum: 366 })),
  }, { additionalProperties: false }),
};
