import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Platform } from '../../../platform/platform.js';
import { AppError } from '../../../platform/http/error-registry.js';
import { HttpErrors } from '../../../platform/http/errors.js';
import { access } from '../../../platform/identity/permissions.js';
import { PUBLIC_SECURITY_HEADERS, SiteHosts } from '../../delivery/index.js';
import { getSite, getSiteByCode, type SiteView } from '../../sites/index.js';
import { eventStreamTracker } from '../../../platform/http/event-stream.js';
import { answerForm, sendPage } from '../public-pages-kit.js';
import { readMultipart, submissionValidator } from '../read-submission.js';
import { interviewDeps } from './interview-deps.js';
import { InterviewErrors } from './interview-errors.js';
import { InterviewHub } from './interview-hub.js';
import { QUESTION_FORM_PATH, renderInterviewList, renderInterviewPage } from './interview-pages.js';
import { submitQuestion, type QuestionInput } from './interview-questions.js';
import { resumeFrom, streamInterview } from './interview-stream.js';
import { interviewEventsSchema, interviewImageSchema, publicInterviewSchema, publicInterviewsSchema, QuestionFields, submitQuestionSchema } from './interview.schemas.js';
import { entriesAfter, getInterview, imagesInTranscript, listImages, listQuestions, listSiteInterviews, readImage, type InterviewView } from './interviews.repo.js';

const hubs = new WeakMap<Platform, InterviewHub>();
/** The fan-out hub of the server built on this platform (tests and the benchmark read its counters). */
export function interviewHubOf(platform: Platform): InterviewHub | undefined {
  return hubs.get(platform);
}

const questionForm = submissionValidator<QuestionInput>(QuestionFields, new Set(['nickname', 'altcha'])).form;

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
  const hosts = new SiteHosts(db, (err) => app.log.error({ err }, 'site hosts refresh failed'));

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
      questions: await listQuestions(db, interview.id, ['approved', 'answered']), entries: await entriesAfter(db, interview.id, 0),
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

  // The page's question form (multipart, as the letter form), answered with the interview page again.
  await app.register(async (scoped) => {
    await scoped.register(multipart, { limits: { fileSize: 1, files: 0, fields: 10, fieldSize: 8_000, parts: 12, headerPairs: 50 } });
    const siteOfHost = async (host: string) => {
      const s = await hosts.resolve(host);
      const site = s ? await getSiteByCode(db, s.code) : undefined;
      return site?.status === 'open' ? site : undefined;
    };
    /** Over the limit, the visitor gets the interview page (from the form's Referer) with a message, not problem+json. */
    const tooFast = async (err: Error & { statusCode?: number }, req: FastifyRequest, reply: FastifyReply) => {
      const site = err.statusCode === 429 ? await siteOfHost(req.host) : undefined;
      if (!site) {
        reply.headers(PUBLIC_SECURITY_HEADERS);
        throw err;
      }
      const id = Number.parseInt(/[?&]id=(\d{1,15})/.exec(req.headers.referer ?? '')?.[1] ?? '', 10);
      const html = (await renderInterviewPage(platform, site.code, id, { error: '提交过于频繁，请稍后再试。' })) ?? (await renderInterviewList(platform, site.code));
      return sendPage(reply.header('retry-after', String(Math.ceil(submitLimit.timeWindow / 1000))), 429, html);
    };
    scoped.post(QUESTION_FORM_PATH, { schema: { hide: true }, config: { access: access.public, quietRefusals: true, rateLimit: submitLimit }, helmet: false, errorHandler: tooFast }, async (req, reply) => {
      const site = await siteOfHost(req.host);
      if (!site) return sendPage(reply, 404, null);
      if (!req.isMultipart()) throw new AppError(HttpErrors['http.unsupported_media_type']);
      const raw = await readMultipart(req, 1, { withFiles: false });
      const interviewId = Number.parseInt(raw.fields.interviewId ?? '', 10);
      const values = { nickname: (raw.fields.nickname ?? '').slice(0, 30), body: (raw.fields.body ?? '').slice(0, 1000) };
      return answerForm(reply, async () => {
        const input = questionForm({ body: raw.fields.body ?? '', nickname: raw.fields.nickname ?? '', altcha: raw.fields.altcha ?? '' });
        await submitQuestion({ db, actor: req.actor, siteId: site.id, interviewId, input, deps });
        return renderInterviewPage(platform, site.code, interviewId, { message: '提问已提交，经审核后将在本页公开。' });
      }, ({ error, errors }) => renderInterviewPage(platform, site.code, interviewId, { values, error, errors }));
    });
  });
}

