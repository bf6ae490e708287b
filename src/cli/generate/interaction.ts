/**
 * Letters, survey responses and search history of a generated province. Letters arrive over the
 * last two years, a few per site per day, oldest first; their status follows their age (old
 * letters are answered and rated, recent ones are anywhere in the workflow), and the most recent
 * letters of the province take each status once so every state is present however few letters
 * there are. Personal data is fictional and sealed by the interaction module's bulk writer.
 */
import type { Db } from '../../db/index.js';
import type { Platform } from '../../platform/platform.js';
import { systemActor } from '../../platform/identity/actor.js';
import type { SiteView } from '../../modules/sites/index.js';
import {
  createSurvey, ensureSiteMailbox, interactionDeps, openLetterBulkWriter, writeGeneratedResponses, LETTER_PATHS, type BulkLetter, type LetterType,
} from '../../modules/interaction/index.js';
import { writeQueryLogBulk } from '../../modules/search/index.js';
import { inTransaction } from '../../db/index.js';
import type { Prng } from '../../demo/documents/prng.js';
import { SURNAMES } from '../../demo/documents/corpus.js';
import type { DemoSiteContext } from '../../demo/documents/demo-document.js';
import { fill } from '../../demo/documents/demo-document.js';
import {
  FIRST_NAMES, LETTER_BODIES, LETTER_REASONS, LETTER_REPLIES, LETTER_SUBJECTS, SEARCH_TERMS, STREETS, SURVEY_TEXTS, SURVEY_TOPICS,
} from './corpus.js';
import { DAY, dailyCounts, dayStart } from './documents.js';

type LetterStatus = keyof typeof LETTER_PATHS;
const HOUR = 3_600_000;
const TYPES: readonly LetterType[] = ['consultation', 'complaint', 'suggestion', 'help'];
const ALL_STATUSES = Object.keys(LETTER_PATHS) as LetterStatus[];
/** Letters span two years. */
export const LETTER_HISTORY_DAYS = 730;
const BATCH = 2000;

export interface Progress {
  (done: number): void;
}

function statusByAge(rng: Prng, ageDays: number): LetterStatus {
  const r = rng.next();
  if (ageDays > 45) return r < 0.6 ? 'closed' : r < 0.9 ? 'replied' : r < 0.96 ? 'refused' : 'merged';
  if (r < 0.15) return 'received';
  if (r < 0.25) return 'accepted';
  if (r < 0.45) return 'assigned';
  if (r < 0.55) return 'reviewing';
  if (r < 0.6) return 'supplementing';
  if (r < 0.8) return 'replied';
  if (r < 0.95) return 'closed';
  return r < 0.98 ? 'refused' : 'merged';
}

function personal(rng: Prng, ctx: DemoSiteContext): BulkLetter['personal'] {
  const name = rng.pick(SURNAMES) + rng.pick(FIRST_NAMES);
  const phone = `1${rng.pick(['3', '5', '7', '8', '9'])}${String(rng.int(0, 999_999_999)).padStart(9, '0')}`;
  const birth = `${rng.int(1950, 2004)}${String(rng.int(1, 12)).padStart(2, '0')}${String(rng.int(1, 28)).padStart(2, '0')}`;
  return {
    name, phone,
    email: rng.chance(0.3) ? `user${rng.int(1000, 99_999)}@example.cn` : null,
    idNumber: rng.chance(0.4) ? `320${String(rng.int(100, 999))}${birth}${String(rng.int(100, 999))}${rng.pick(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X'])}` : null,
    address: rng.chance(0.6) ? `${ctx.place.replace(/人民政府$/, '')}${rng.pick(STREETS)}${rng.int(1, 300)}号${rng.int(1, 30)}幢${rng.int(101, 2405)}室` : null,
  };
}

/** `count` letters across the sites, oldest first, in transactions of BATCH letters. */
export async function generateLetters(platform: Platform, sites: readonly SiteView[], contexts: readonly DemoSiteContext[], q: { count: number; rng: Prng; now: number; progress: Progress }): Promise<number> {
  const { rng, now } = q;
  const deps = interactionDeps(platform);
  const mailboxes: { id: number; deadlineDays: number }[] = [];
  for (const site of sites) { const m = await ensureSiteMailbox(platform.db, deps, site); mailboxes.push({ id: m.id, deadlineDays: m.deadlineDays }); }
  const writer = await openLetterBulkWriter(platform.db, { ops: platform.dbh.ops, cipher: platform.cipher, queryKey: deps.queryKey });
  const first = dayStart(now) - LETTER_HISTORY_DAYS * DAY;
  let pending: BulkLetter[] = [];
  let done = 0;
  const flush = async () => {
    const batch = pending;
    pending = [];
    await inTransaction(platform.db, (trx) => writer.write(trx, batch));
    done += batch.length;
    q.progress(done);
  };
  let index = 0;
  for (const [day, n] of dailyCounts(first, LETTER_HISTORY_DAYS, q.count)) {
    for (let k = 0; k < n; k++, index++) {
      const s = rng.int(0, sites.length - 1);
      const site = sites[s] as SiteView;
      const ctx = contexts[s] as DemoSiteContext;
      const mailbox = mailboxes[s] as { id: number; deadlineDays: number };
      const receivedAt = Math.min(day + rng.int(0, 24 * 60 - 1) * 60_000, now - HOUR);
      // The last letters take every status once, so each state shows however few letters there are.
      const fromEnd = q.count - 1 - index;
      const status = fromEnd < ALL_STATUSES.length ? (ALL_STATUSES[fromEnd] as LetterStatus) : statusByAge(rng, (now - receivedAt) / DAY);
      const path = LETTER_PATHS[status];
      const span = Math.max(path.length, 1);
      const stepTimes = path.map((_, i) => Math.floor(receivedAt + ((i + 1) / (span + 1)) * Math.min(now - receivedAt - 1000, 9 * DAY)));
      const letterType = rng.pick(TYPES);
      const area = rng.pick(ctx.subjects).area;
      const subject = fill(rng.pick(LETTER_SUBJECTS[letterType]), { area });
      const vars = { subject, place: ctx.place, area };
      pending.push({
        siteId: site.id, mailboxId: mailbox.id, letterType, isPublic: rng.chance(0.6), subject, body: fill(rng.pick(LETTER_BODIES), vars),
        personal: personal(rng, ctx), status, receivedAt, dueAt: await platform.calendar.addWorkingDays(receivedAt, mailbox.deadlineDays),
        stepTimes, handlingOrgId: site.ownerOrgId, reason: rng.pick(LETTER_REASONS), replyText: fill(rng.pick(LETTER_REPLIES), vars),
        satisfaction: rng.pick(['satisfied', 'satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied'] as const),
        publishedAt: stepTimes[path.indexOf('approve_reply')] ?? null,
      });
      if (pending.length >= BATCH) await flush();
    }
  }
  if (pending.length > 0) await flush();
  await inTransaction(platform.db, (trx) => writer.finish(trx));
  return done;
}

const SURVEY_QUESTIONS = [
  { kind: 'single' as const, title: '您访问本网站的主要目的是？', required: true, options: ['查询政策文件', '办理政务服务', '了解政务动态', '咨询投诉建议', '其他'] },
  { kind: 'rating' as const, title: '您对本网站的总体满意度', required: true, scale: 5 as const },
  { kind: 'multiple' as const, title: '您认为哪些方面需要改进？（可多选）', required: false, options: ['信息更新速度', '栏目设置', '搜索功能', '办事指南', '互动回应', '页面设计'], minChoices: 0, maxChoices: 3 },
  { kind: 'matrix' as const, title: '请对以下方面作出评价', required: false, rows: ['信息公开', '办事服务', '互动交流'], columns: ['满意', '基本满意', '不满意'] },
  { kind: 'text' as const, title: '您的其他意见和建议', required: false, maxLength: 500 },
];

/** One or two surveys on the portals, one on some department sites, with responses over their period. */
export async function generateSurveys(platform: Platform, db: Db, sites: readonly SiteView[], contexts: readonly DemoSiteContext[], q: { perSurvey: number; rng: Prng; now: number }): Promise<{ surveys: number; responses: number }> {
  const { rng, now } = q;
  const deps = interactionDeps(platform);
  const actor = systemActor('generate');
  let surveys = 0;
  let responses = 0;
  for (const [i, site] of sites.entries()) {
    const ctx = contexts[i] as DemoSiteContext;
    const n = site.kind === 'department' ? (rng.chance(0.5) ? 1 : 0) : rng.int(1, 2);
    for (let k = 0; k < n; k++) {
      const title = fill(rng.pick(SURVEY_TOPICS), { place: ctx.place, area: rng.pick(ctx.subjects).area });
      const survey = await createSurvey({ db, actor, deps, siteId: site.id, input: { title, description: `为进一步改进工作，现开展${title}，感谢您的参与！`, opensAt: null, closesAt: null, questions: SURVEY_QUESTIONS } });
      const opensAt = dayStart(now) - rng.int(10, 700) * DAY + 9 * HOUR;
      const count = rng.int(Math.ceil(q.perSurvey / 2), q.perSurvey);
      await inTransaction(db, (trx) => writeGeneratedResponses(trx, platform.dbh.ops, {
        survey, count, opensAt, closesAt: opensAt + rng.int(14, 60) * DAY, now, random: () => rng.next(), texts: SURVEY_TEXTS,
      }));
      surveys++;
      responses += count;
    }
  }
  return { surveys, responses };
}

/** What visitors searched for over the log's year, on the sites (a third on the portal-wide search). */
export async function generateSearchHistory(platform: Platform, sites: readonly SiteView[], q: { count: number; rng: Prng; now: number }): Promise<number> {
  const { rng, now } = q;
  const first = dayStart(now) - 365 * DAY;
  let rows: { query: string; siteId: number | null; results: number; at: number }[] = [];
  let written = 0;
  const flush = async () => { const batch = rows; rows = []; written += await inTransaction(platform.db, (trx) => writeQueryLogBulk(trx, platform.dbh.ops, batch)); };
  for (const [day, n] of dailyCounts(first, 365, q.count)) {
    for (let k = 0; k < n; k++) {
      const site = rng.chance(0.33) ? null : (sites[rng.int(0, sites.length - 1)] as SiteView).id;
      rows.push({ query: rng.pick(SEARCH_TERMS), siteId: site, results: rng.chance(0.08) ? 0 : rng.int(1, 400), at: Math.min(day + rng.int(0, 86_399) * 1000, now - 1000) });
      if (rows.length >= BATCH * 2) await flush();
    }
  }
  if (rows.length > 0) await flush();
  return written;
}
