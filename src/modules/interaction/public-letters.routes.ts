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
import { readMultipart, validateFeedbackFields, validateFormFields, validateJsonFields } from './read-submission.js';
import { answerForm, formError, openSite, sendPage, siteOfHostResolver, tooFast } from './public-pages-kit.js';
import { registerPublicStatisticsRoutes } from './statistics/statistics.routes.js';

const FEEDBACK_ACTIONS: ReadonlySet<string> = new Set(['supplement', 'rate', 'reopen']);
const FEEDBACK_DONE = { supplement: '补充材料已提交，办理期限恢复计算。', rate: '感谢您的评价。', reopen: '已申请重新办理，承办单位将重新答复。' } as const;

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
      errorHandler: tooFast(siteOfHost, submitLimit.timeWindow, (code, error) => renderLetterForm(platform, code, { error })),
    }, async (req, reply) => {
      const site = await siteOfHost(req);
      if (!site) return sendPage(reply, 404, null);
      if (!req.isMultipart()) throw new AppError(HttpErrors['http.unsupported_media_type']);
      let values: Readonly<Record<string, string>> = {};
      return answerForm(reply, async () => {
        const raw = await readMultipart(req, config.letterAttachmentMaxBytes);
        values = raw.fields;
        const fields = validateFormFields(raw.fields);
        const receipt = await submitLetter({ db, actor: req.actor, site, deps, input: { ...fields, attachments: raw.files } });
        return renderLetterReceipt(platform, site.code, receipt);
      }, ({ error, errors }) => renderLetterForm(platform, site.code, { values, error, errors }));
    });

    r.post(LETTER_QUERY_PATH, {
      schema: { hide: true }, config: { ...publicPage, rateLimit: lookupLimit }, helmet: false,
      errorHandler: tooFast(siteOfHost, lookupLimit.timeWindow, (code, error) => renderLetterQuery(platform, code, { error })),
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
        const feedback = FEEDBACK_ACTIONS.has(raw.fields.action ?? '') ? validateFeedbackFields(raw.fields) : null;
        if (feedback) {
          try {
            await citizenFeedback({ db, actor: req.actor, input: feedback, deps });
          } catch (err) {
            const refusal = formError(err);
            // A wrong password is answered like a failed look-up (nothing of the letter shown).
            if (!refusal || (err instanceof AppError && err.code === 'interaction.lookup.failed')) throw err;
            const result = await lookupLetter({ db, actor: req.actor, input: { queryCode, queryPassword }, deps });
            return { status: refusal.status, html: await renderLetterQuery(platform, site.code, { queryCode, result, error: [refusal.error, ...refusal.errors].join(' ') }) };
          }
        }
        const result = await lookupLetter({ db, actor: req.actor, input: { queryCode, queryPassword }, deps });
        return renderLetterQuery(platform, site.code, { queryCode, result, ...(feedback ? { notice: FEEDBACK_DONE[feedback.action] } : {}) });
      }, ({ error }) => renderLetterQuery(platform, site.code, { queryCode, error }));
    });
  });
}
