import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Platform } from '../../../platform/platform.js';
import { AppError } from '../../../platform/http/error-registry.js';
import { access } from '../../../platform/identity/permissions.js';
import { PUBLIC_SECURITY_HEADERS } from '../../delivery/index.js';
import { getSite, getSiteByCode, type SiteView } from '../../sites/index.js';
import { eventStreamTracker } from '../../../platform/http/event-stream.js';
import { answerFormPage, formPageErrors, keptValues, notFoundPage, pageId, readTextForm, refererId, sendPage, siteOfHostResolver } from '../public-pages-kit.js';
import { newFormTrace, readSmallFormFields, submissionValidator, type FormLabels } from '../read-submission.js';
import { interviewDeps } from './interview-deps.js';
import { InterviewErrors } from './interview-errors.js';
import { InterviewHub } from './interview-hub.js';
import { INTERVIEW_PAGE_PATH, QUESTION_FORM_PATH, renderInterviewList, renderInterviewPage } from './interview-pages.js';
import { submitQuestion, type QuestionInput } from './interview-questions.js';
import { resumeFrom, streamInterview } from './interview-stream.js';
import { interviewEventsSchema, interviewImageSchema, publicInterviewSchema, publicInterviewsSchema, QuestionFields, submitQuestionSchema } from './interview.schemas.js';
import { entriesAfter, getInterview, imagesInTranscript, listImages, publicQuestions, listSiteInterviews, readImage, type InterviewView } from './interviews.repo.js';

const hubs = new WeakMap<Platform, InterviewHub>();
/** The fan-out hub of the server built on this platform (tests and the benchmark read its counters). */
export function interviewHubOf(platform: Platform): InterviewHub | undefined {
  return hubs.get(platform);
}

// Every field's problem at once: a visitor without JavaScript mends them all in one go.
const questionForm = submissionValidator<QuestionInput>(QuestionFields, new Set(['nickname', 'altcha']), { allErrors: true }).form;
/** The question form's fields as the page names them (themes/default/interview.liquid). */
const QUESTION_LABELS: FormLabels = { body: { label: '问题内容' }, nickname: { label: '昵称' } };
/** What a refused form shows again (never the interview's id nor the captcha). */
const QUESTION_KEPT = ['body', 'nickname'];
/** The form's text is small: a post over the limit is read back up to this size to show what was typed. */
const SMALL_FORM_BYTES = 32 * 1024;

/** An interview the public may see: its site is open. */
async function publicInterview(platform: Platform, id: number): Promise<{ interview: InterviewView; site: SiteView }> {
  const interview = await getInterview(platform.db, id);
  const site = interview ? await getSite(platform.db, interview.siteId) : undefined;
  if (!interview || site?.status !== 'open') throw new AppError(InterviewErrors['interaction.interview.not_found']);
  return { interview, site };
}

/**
 * The public side of 在线访谈: JSON for the list and one interview, questions behind the
 * captcha and the per-address limit (the letters' submit limit), the live transcript as
 * server-sent events fanned out by this process's hub, and the pictures.
 */
export async function publicInterviewsRoutes(fastify: FastifyInstance, { platform }: { platform: Platform }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const db = platform.db;
  const deps = interviewDeps(platform);
  const submitLimit = { max: platform.config.letterSubmitRatePerHour, timeWindow: 3_600_000 };
  const hub = new InterviewHub(db, platform.events, { maxStreams: platform.config.interviewMaxStreams, onError: (err) => app.log.error({ err }, 'interview fan-out read failed') });
  const track = eventStreamTracker(app);
  app.addHook('preClose', async () => hub.close());
  hubs.set(platform, hub);

  app.get('/api/v1/public/sites/:siteCode/interviews', { schema: publicInterviewsSchema, config: { access: access.public, quietRefusals: true } }, async (req) => {
    const site = await getSiteByCode(db, req.params.siteCode);
    if (site?.status !== 'open') throw new AppError(InterviewErrors['interaction.interview.not_found']);
    return { items: await listSiteInterviews(db, site.id) };
  });

  app.get('/api/v1/public/interviews/:id', { schema: publicInterviewSchema, config: { access: access.public, quietRefusals: true } }, async (req) => {
    const { interview } = await publicInterview(platform, req.params.id);
    const used = await imagesInTranscript(db, interview.id);
    return {
      interview, images: (await listImages(db, interview.id)).filter((i) => !used.has(i.id)),
      // Only what a moderator let through: pending and rejected questions are never public.
      questions: await publicQuestions(db, interview.id, ['approved', 'answered']), entries: await entriesAfter(db, interview.id, 0),
    };
  });

  app.post('/api/v1/public/interviews/:id/questions', { schema: submitQuestionSchema, config: { access: access.public, rateLimit: submitLimit } }, async (req, reply) => {
    const { interview, site } = await publicInterview(platform, req.params.id);
    reply.header('cache-control', 'no-store');
    return reply.code(201).send(await submitQuestion({ db, actor: req.actor, siteId: site.id, interviewId: interview.id, input: req.body, deps }));
  });

  app.get('/api/v1/public/interviews/:id/events', { schema: interviewEventsSchema, config: { access: access.public, quietRefusals: true } }, async (req, reply) => {
    const { interview } = await publicInterview(platform, req.params.id);
    if (!hub.hasRoom()) {
      reply.header('retry-after', '30');
      throw new AppError(InterviewErrors['interaction.interview.too_many_streams']);
    }
    await streamInterview(req, reply, {
      hub, interviewId: interview.id, afterSeq: resumeFrom(req, req.query.after), knownSeq: interview.lastSeq, track,
    });
  });

  app.get('/api/v1/public/interview-images/:id', { schema: interviewImageSchema, config: { access: access.public, quietRefusals: true } }, async (req, reply) => {
    const img = await readImage(db, req.params.id);
    if (!img) throw new AppError(InterviewErrors['interaction.interview.not_found']);
    await publicInterview(platform, img.interviewId);
    return reply.headers(PUBLIC_SECURITY_HEADERS).header('cache-control', 'public, max-age=3600').header('x-content-type-options', 'nosniff').type(img.mime).send(img.bytes);
  });

  // The page's question form (multipart, as the letter form), answered with the interview page
  // again: with a message, or refused with the message, each field's message beside its input and
  // what was typed; the site's 404 page for an interview it does not show (an id that is not
  // plain digits, another site's, unknown).
  await app.register(async (scoped) => {
    await scoped.register(multipart, { limits: { fileSize: 1, files: 0, fields: 10, fieldSize: 8_000, parts: 12, headerPairs: 50 } });
    const siteOfHost = siteOfHostResolver(platform, (err) => app.log.error({ err }, 'site hosts refresh failed'));
    /**
     * Refused before the handler read the form (over the limit, a body of another type): the
     * interview page (named by the form's interviewId when the body is small enough to read, else
     * by the Referer) with the message and what was typed, or the interview list.
     */
    const refusedEarly = formPageErrors(platform, siteOfHost, submitLimit.timeWindow, async (site, refusal, req) => {
      const typed = await readSmallFormFields(req, SMALL_FORM_BYTES);
      const id = pageId(typed?.interviewId) ?? refererId(req, INTERVIEW_PAGE_PATH, 'id');
      const kept = typed && ['body', 'nickname'].some((k) => (typed[k] ?? '').trim() !== '') ? '您填写的内容保留在下方。' : '';
      const page = id === null ? null : await renderInterviewPage(platform, site.code, id, { error: `${refusal.message}${kept}`, values: keptValues(typed ?? {}, QUESTION_KEPT) });
      return page ?? (refusal.status === 429 ? renderInterviewList(platform, site.code) : null);
    });
    scoped.post(QUESTION_FORM_PATH, { schema: { hide: true }, config: { access: access.public, quietRefusals: true, rateLimit: submitLimit }, helmet: false, errorHandler: refusedEarly }, async (req, reply) => {
      const site = await siteOfHost(req);
      if (!site) return sendPage(reply, 404, null);
      const trace = newFormTrace();
      return answerFormPage(reply, async () => {
        const fields = await readTextForm(req, trace);
        const interviewId = pageId(fields.interviewId);
        // Another site's interview, or one that is not there, has no page here: nothing is stored.
        const interview = interviewId === null ? undefined : await getInterview(db, interviewId);
        if (interviewId === null || interview?.siteId !== site.id) return null;
        const input = questionForm({ body: fields.body ?? '', nickname: fields.nickname ?? '', altcha: fields.altcha ?? '' });
        await submitQuestion({ db, actor: req.actor, siteId: site.id, interviewId, input, deps });
        return renderInterviewPage(platform, site.code, interviewId, { message: '提问已提交，经审核后将在本页公开。' });
      }, async ({ summary, problems }) => {
        const interviewId = pageId(trace.fields.interviewId);
        return interviewId === null ? null : renderInterviewPage(platform, site.code, interviewId, { values: keptValues(trace.fields, QUESTION_KEPT), error: summary, errors: problems });
      }, { labels: QUESTION_LABELS, notFound: () => notFoundPage(platform, site.code) });
    });
  });
}

