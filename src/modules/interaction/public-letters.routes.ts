import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Platform } from '../../platform/platform.js';
import { AppError } from '../../platform/http/error-registry.js';
import { HttpErrors } from '../../platform/http/errors.js';
import { access } from '../../platform/identity/permissions.js';

import { issueChallenge } from './captcha.js';
import { interactionDeps } from './deps.js';
import { InteractionErrors } from './errors.js';
import { MAX_LETTER_ATTACHMENTS } from './letter-files.js';
import { CAPTCHA_PATH, LETTER_FORM_PATH, LETTER_QUERY_PATH, renderLetterForm, renderLetterQuery, renderLetterReceipt } from './letter-pages.js';
import { LETTER_TYPE_LABELS, LETTER_TYPES } from './letter-types.js';
import { captchaSchema, citizenFeedbackSchema, lookupLetterSchema, publicMailboxesSchema, publishedLetterSchema, publishedLettersSchema, submitLetterSchema } from './letters.schemas.js';
import { citizenFeedback } from './operations/citizen-feedback.js';
import { publishedLetters } from './operations/letter-views.js';
import { publicProgress } from './letter-progress.js';
import { requireLetter } from './letter-transitions.js';
import { listSiteMailboxes } from './mailboxes.repo.js';
import { lookupLetter } from './operations/lookup-letter.js';
import { ensureSiteMailbox } from './operations/mailboxes.js';
import { submitLetter } from './operations/submit-letter.js';
import type { LetterFieldsInput } from './letters.schemas.js';
import {
  FEEDBACK_CODE_FIELDS, FEEDBACK_FORM_LABELS, FieldMessage, formProblems, LETTER_CODE_FIELDS, LETTER_FORM_LABELS, FieldProblemsError, newFormTrace, refusalSummary,
  readMultipart, readMultipartForm, readSmallFormFields, validateFeedbackFields, validateFormFields, validateJsonFields, validateLetterForm,
} from './read-submission.js';
import { answerForm, formError, openSite, sendPage, siteOfHostResolver, formPageErrors, TOO_FAST_MESSAGE } from './public-pages-kit.js';
import { registerPublicStatisticsRoutes } from './statistics/statistics.routes.js';

const FEEDBACK_ACTIONS: ReadonlySet<string> = new Set(['supplement', 'rate', 'reopen']);
const FEEDBACK_DONE = { supplement: '补充材料已提交，办理期限恢复计算。', rate: '感谢您的评价。', reopen: '已申请重新办理，承办单位将重新答复。' } as const;

/** Over the per-address limit: the form says plainly that nothing was sent. */
const TOO_FAST = `${TOO_FAST_MESSAGE}本次信件没有提交。`;
/** A letter's text fields fit in this (5000 characters of body are 15 KB of UTF-8); a larger body has files and is not read over the limit. */
const SMALL_FORM_BYTES = 64 * 1024;

/** Files are never kept by a refused form: when some were chosen, the file input says to choose them again. */
function filesToChooseAgain(problems: readonly FieldMessage[], fileCount: number): FieldMessage[] {
  const again = '页面不会保留已选择的附件，请重新选择。';
  if (fileCount === 0) return [...problems];
  const onFiles = problems.find((p) => p.field === 'attachments');
  if (!onFiles) return [...problems, new FieldMessage('attachments', again)];
  return problems.map((p) => (p === onFiles ? new FieldMessage('attachments', `${p.message}。${again}`) : p));
}

/**
 * 写信 and 查询 for citizens: the JSON API under /api/v1/public, and the theme's form pages
 * posting back to the site they were shown on. Every submit and look-up is limited per client
 * address; the rest of the site is not affected by one address's limit.
 */
export async function publicLettersRoutes(fastify: FastifyInstance, { platform }: { platform: Platform }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { config } = platform;
  const db = platform.db;
  const deps = interactionDeps(platform);
  const submitLimit = { max: config.letterSubmitRatePerHour, timeWindow: 3_600_000 };
  const lookupLimit = { max: config.letterLookupRatePerMinute, timeWindow: 60_000 };
  const publicPage = { access: access.public, quietRefusals: true };
  const siteOfHost = siteOfHostResolver(platform, (err) => app.log.error({ err }, 'site hosts refresh failed'));

  app.get(CAPTCHA_PATH, { schema: captchaSchema, config: { access: access.public, quietRefusals: true, rateLimit: { max: config.captchaRatePerMinute, timeWindow: 60_000 } } }, async (_req, reply) => {
    reply.header('cache-control', 'no-store');
    const c = await issueChallenge(deps.captcha, deps.clock.now());
    return { parameters: { ...c.parameters }, ...(c.signature ? { signature: c.signature } : {}) };
  });

  app.get('/api/v1/public/sites/:siteCode/mailboxes', { schema: publicMailboxesSchema, config: { access: access.public, quietRefusals: true } }, async (req) => {
    const site = await openSite(platform, req.params.siteCode);
    await ensureSiteMailbox(db, deps, site);
    return {
      site: { code: site.code, name: site.name },
      mailboxes: (await listSiteMailboxes(db, site.id, { enabledOnly: true })).map((m) => ({ ...m })),
      letterTypes: LETTER_TYPES.map((t) => ({ value: t, name: LETTER_TYPE_LABELS[t] })),
    };
  });

  app.post('/api/v1/public/letters/lookup', { schema: lookupLetterSchema, config: { access: access.public, rateLimit: lookupLimit } }, async (req) => {
    return { letter: await lookupLetter({ db, actor: req.actor, input: req.body, deps }) };
  });

  // Supplement, rate, reopen: the query password is checked like a look-up, under the same limit.
  app.post('/api/v1/public/letters/feedback', { schema: citizenFeedbackSchema, config: { access: access.public, rateLimit: lookupLimit } }, async (req) => {
    const { status, letterId } = await citizenFeedback({ db, actor: req.actor, input: req.body, deps });
    return { status, progress: await publicProgress(db, deps, await requireLetter(db, letterId)) };
  });

  app.get('/api/v1/public/sites/:siteCode/published-letters', { schema: publishedLettersSchema, config: { access: access.public, quietRefusals: true } }, async (req) => {
    const site = await openSite(platform, req.params.siteCode);
    const page = req.query.page ?? 1;
    const pageSize = req.query.pageSize ?? 20;
    return { page, pageSize, ...(await publishedLetters(db, site.id, { page, pageSize, mailboxId: req.query.mailboxId, letterType: req.query.letterType })) };
  });

  app.get('/api/v1/public/sites/:siteCode/published-letters/:id', { schema: publishedLetterSchema, config: { access: access.public, quietRefusals: true } }, async (req) => {
    const site = await openSite(platform, req.params.siteCode);
    const letter = (await publishedLetters(db, site.id, { page: 1, pageSize: 1, letterId: req.params.id })).items[0];
    if (!letter) throw new AppError(InteractionErrors['interaction.letter.not_found']);
    return { letter };
  });

  registerPublicStatisticsRoutes(app, platform);

  // Multipart (files) is parsed only on the letter routes, with the letter limits.
  await app.register(async (scoped) => {
    await scoped.register(multipart, {
      throwFileSizeLimit: true,
      limits: { fileSize: config.letterAttachmentMaxBytes, files: MAX_LETTER_ATTACHMENTS, fields: 20, fieldSize: 30_000, parts: 24, headerPairs: 50 },
    });
    const r = scoped.withTypeProvider<TypeBoxTypeProvider>();

    r.post('/api/v1/public/sites/:siteCode/letters', { schema: submitLetterSchema, config: { access: access.public, rateLimit: submitLimit, bodyReadByHandler: true } }, async (req, reply) => {
      const site = await openSite(platform, req.params.siteCode);
      const { fields, files } = req.isMultipart()
        ? await readMultipart(req, config.letterAttachmentMaxBytes).then((raw) => ({ fields: validateFormFields(raw.fields), files: raw.files }))
        : { fields: validateJsonFields(req.body), files: [] };
      const header = req.headers['idempotency-key'];
      const idempotencyKey = typeof header === 'string' && header !== '' ? header : fields.idempotencyKey;
      const receipt = await submitLetter({ db, actor: req.actor, site, deps, input: { ...fields, idempotencyKey, attachments: files } });
      reply.header('cache-control', 'no-store');
      return reply.code(receipt.duplicate ? 200 : 201).send(receipt);
    });


    // The theme's form posts here on the site's own host; answers are pages, refusals show the form again.
    r.post(LETTER_FORM_PATH, {
      schema: { hide: true }, config: { ...publicPage, rateLimit: submitLimit }, helmet: false,
      errorHandler: formPageErrors(platform, siteOfHost, submitLimit.timeWindow, async (site, refusal, req) => {
        // The body is not read when refused early; a small one (no files) is, to give the visitor back what they typed.
        const typed = await readSmallFormFields(req, SMALL_FORM_BYTES);
        if (refusal.status !== 429) return renderLetterForm(platform, site.code, { ...(typed ? { values: typed } : {}), error: refusal.message });
        return renderLetterForm(platform, site.code, typed
          ? { values: typed, error: `${TOO_FAST}您填写的内容保留在下方，请稍后再提交。` }
          : { error: `${TOO_FAST}请稍后重新填写并提交；如选择了附件，也需要重新选择。` });
      }),
    }, async (req, reply) => {
      const site = await siteOfHost(req);
      if (!site) return sendPage(reply, 404, null);
      if (!req.isMultipart()) throw new AppError(HttpErrors['http.unsupported_media_type']);
      // Filled in as the form is read: whatever refuses it, the page shows again what was typed (never the files).
      const trace = newFormTrace();
      let problems: readonly FieldMessage[] = [];
      return answerForm(reply, async () => {
        const raw = await readMultipartForm(req, config.letterAttachmentMaxBytes, { trace });
        let fields: LetterFieldsInput | null = null;
        try {
          fields = validateLetterForm(raw.fields);
        } catch (err) {
          if (!(err instanceof FieldProblemsError)) throw err;
          problems = err.problems;
          if (!raw.refusal) throw err;
        }
        // A refused file and the fields' problems are shown together.
        if (raw.refusal) {
          problems = [...problems, ...formProblems(raw.refusal, LETTER_FORM_LABELS, LETTER_CODE_FIELDS)];
          throw raw.refusal;
        }
        try {
          const receipt = await submitLetter({ db, actor: req.actor, site, deps, input: { ...fields!, attachments: raw.files } });
          return await renderLetterReceipt(platform, site.code, receipt);
        } catch (err) {
          problems = formProblems(err, LETTER_FORM_LABELS, LETTER_CODE_FIELDS);
          throw err;
        }
      }, ({ error }) => {
        const shown = filesToChooseAgain(problems, trace.fileCount);
        return renderLetterForm(platform, site.code, { values: trace.fields, error: refusalSummary(error, shown), errors: shown });
      });
    });

    r.post(LETTER_QUERY_PATH, {
      schema: { hide: true }, config: { ...publicPage, rateLimit: lookupLimit }, helmet: false,
      errorHandler: formPageErrors(platform, siteOfHost, lookupLimit.timeWindow, (site, refusal) => renderLetterQuery(platform, site.code, { error: refusal.message })),
    }, async (req, reply) => {
      const site = await siteOfHost(req);
      if (!site) return sendPage(reply, 404, null);
      if (!req.isMultipart()) throw new AppError(HttpErrors['http.unsupported_media_type']);
      let queryCode = '';
      return answerForm(reply, async () => {
        const raw = await readMultipart(req, config.letterAttachmentMaxBytes, { withFiles: false });
        queryCode = (raw.fields.queryCode ?? '').slice(0, 40);
        const queryPassword = (raw.fields.queryPassword ?? '').slice(0, 40);
        if (!queryCode.trim() || !queryPassword.trim()) throw new AppError(InteractionErrors['interaction.lookup.failed']);
        // The follow-up forms on the result post here too, with the password again: same limit and lock-out as a look-up.
        const action = raw.fields.action ?? '';
        let done: string | null = null;
        if (FEEDBACK_ACTIONS.has(action)) {
          try {
            const feedback = validateFeedbackFields(raw.fields);
            await citizenFeedback({ db, actor: req.actor, input: feedback, deps });
            done = FEEDBACK_DONE[feedback.action];
          } catch (err) {
            const refusal = formError(err);
            // A wrong password is answered like a failed look-up (nothing of the letter shown).
            if (!refusal || (err instanceof AppError && err.code === 'interaction.lookup.failed')) throw err;
            // The letter is shown only to whoever has its password: the look-up checks it (and counts a wrong one).
            const result = await lookupLetter({ db, actor: req.actor, input: { queryCode, queryPassword }, deps });
            const errors = formProblems(err, FEEDBACK_FORM_LABELS, FEEDBACK_CODE_FIELDS);
            const values = Object.fromEntries(['action', 'text', 'reason', 'satisfaction'].map((k) => [k, raw.fields[k] ?? '']));
            return { status: refusal.status, html: await renderLetterQuery(platform, site.code, { queryCode, result, error: refusalSummary(refusal.error, errors), errors, values }) };
          }
        }
        const result = await lookupLetter({ db, actor: req.actor, input: { queryCode, queryPassword }, deps });
        return renderLetterQuery(platform, site.code, { queryCode, result, ...(done ? { notice: done } : {}) });
      }, ({ error }) => renderLetterQuery(platform, site.code, { queryCode, error }));
    });
  });
}
