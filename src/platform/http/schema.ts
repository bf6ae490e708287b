import { Type, type TProperties, type TSchema } from 'typebox';

/** Objects reject unknown keys: a typo or an injected field is an error, never silently dropped. */
export function Obj<T extends TProperties>(props: T, opts: { description?: string } = {}) {
  return Type.Object(props, { additionalProperties: false, ...opts });
}

/** Largest id: Number.MAX_SAFE_INTEGER (ids round-trip through JavaScript numbers). */
export const MAX_ID = 9_007_199_254_740_991;
export const Id = Type.Integer({ minimum: 1, maximum: MAX_ID });
export const IdParams = Obj({ id: Id });
/**
 * An instant from a client (epoch ms): up to the year 2286. A larger number is no date a
 * Date can format (pages would show "NaN") and overflows nothing only by luck.
 */
export const MAX_EPOCH_MS = 9_999_999_999_999;
export const EpochMs = Type.Integer({ minimum: 0, maximum: MAX_EPOCH_MS });
/**
 * At least one character that shows: a name or note of only spaces or zero-width characters
 * would be stored as nothing a person can see (the validation message says "blank"). Blank too:
 * the Hangul fillers (U+115F, U+1160, U+3164), the invisible operators (U+2061–U+2064) and the
 * Mongolian vowel separator (U+180E), which render as nothing.
 */
export const VISIBLE_PATTERN = '[^\\s\\u115f\\u1160\\u180e\\u200b-\\u200d\\u2060-\\u2064\\u3164\\ufeff]';
export const VisibleText = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: VISIBLE_PATTERN });
/** An optimistic-lock version number (a 32-bit column on PostgreSQL). */
export const Version = Type.Integer({ minimum: 0, maximum: 2_147_483_647 });
export const Page = Type.Integer({ minimum: 1, maximum: 100_000, default: 1 });
export const PageSize = Type.Integer({ minimum: 1, maximum: 200, default: 20 });
export const Ok = Obj({ ok: Type.Boolean() });
/** 网站标识码: a website identifier code (10 digits; `bm` + 8 digits for a department site). */
export const SiteCode = Type.String({ pattern: '^(\\d{10}|bm\\d{8})$', description: '网站标识码 / website identifier code' });
/** A calendar day as `YYYY-MM-DD` (Beijing time); whether it is a real date is checked where it is used. */
export const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD（北京时间）' });

/** problem+json, for OpenAPI documentation of error answers. */
export const ProblemSchema = Type.Object({
  type: Type.String(), title: Type.String(), status: Type.Integer(), detail: Type.String(), code: Type.String(),
  instance: Type.Optional(Type.String()),
  errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), code: Type.String(), message: Type.String() }))),
});

export function errorResponses(...statuses: number[]): Record<number, TSchema> {
  return Object.fromEntries(statuses.map((s) => [s, ProblemSchema]));
}
