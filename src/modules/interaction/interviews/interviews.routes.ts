import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Platform } from '../../../platform/platform.js';
import { AppError } from '../../../platform/http/error-registry.js';
import { access } from '../../../platform/identity/permissions.js';
import { listSitesInScope } from '../../sites/index.js';
import { formatBytes } from '../letter-files.js';
import { INTERVIEW_QUESTIONS_CHANNEL, interviewDeps } from './interview-deps.js';
import { eventStreamTracker } from '../../../platform/http/event-stream.js';
import { streamBusEvents } from '../../../platform/events/bus-event-stream.js';
import { InterviewErrors } from './interview-errors.js';
import { MAX_IMAGE_BYTES, uploadImage } from './interview-images.js';
import { decideQuestion, questionsForConsole } from './interview-questions.js';
import { changeInterviewStatus, createInterview, interviewForConsole, listInterviews, updateInterview } from './interview-schedule.js';
import { postEntry } from './interview-transcript.js';
import {
  createInterviewSchema, decideQuestionSchema, questionEventsSchema, interviewSitesSchema, interviewDetailSchema, interviewQuestionsSchema, interviewStatusSchema, listInterviewsSchema, postEntrySchema, updateInterviewSchema, uploadImageSchema,
} from './interview.schemas.js';
import { entriesAfter, listImages } from './interviews.repo.js';

const manage = { access: access.permission('interaction.interviews.manage') };
const answer = { access: access.permission('interaction.interviews.answer') };

/**
 * The live console of 在线访谈: the moderator schedules, approves questions, starts and ends;
 * the guest's typist posts answers and remarks. Site scope is checked in every operation.
 */
export async function interviewsRoutes(fastify: FastifyInstance, { platform }: { platform: Platform }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const db = platform.db;
  const deps = interviewDeps(platform);

  app.get('/api/v1/interviews', { schema: listInterviewsSchema, config: answer }, async (req) => {
    return { items: await listInterviews({ db, actor: req.actor, siteId: req.query.siteId }) };
  });

  // The sites the console may schedule on (the moderator's scope), for its site picker.
  app.get('/api/v1/interview-sites', { schema: interviewSitesSchema, config: manage }, async (req) => {
    return { items: (await listSitesInScope(db, req.actor, 'interaction.interviews.manage')).map((s) => ({ id: s.id, code: s.code, name: s.name })) };
  });

  app.post('/api/v1/sites/:siteId/interviews', { schema: createInterviewSchema, config: manage }, async (req, reply) => {
    return reply.code(201).send({ interview: await createInterview({ db, actor: req.actor, siteId: req.params.siteId, input: req.body, deps }) });
  });

  app.get('/api/v1/interviews/:id', { schema: interviewDetailSchema, config: answer }, async (req) => {
    const interview = await interviewForConsole({ db, actor: req.actor, interviewId: req.params.id });
    return { interview, images: await listImages(db, interview.id), entries: await entriesAfter(db, interview.id, 0) };
  });

  app.patch('/api/v1/interviews/:id', { schema: updateInterviewSchema, config: manage }, async (req) => {
    return { interview: await updateInterview({ db, actor: req.actor, interviewId: req.params.id, input: req.body, deps }) };
  });

  app.post('/api/v1/interviews/:id/status', { schema: interviewStatusSchema, config: manage }, async (req) => {
    return { interview: await changeInterviewStatus({ db, actor: req.actor, interviewId: req.params.id, action: req.body.action, deps }) };
  });

  app.get('/api/v1/interviews/:id/questions', { schema: interviewQuestionsSchema, config: answer }, async (req) => {
    return { items: await questionsForConsole({ db, actor: req.actor, interviewId: req.params.id, statuses: req.query.status ? [req.query.status] : undefined }) };
  });

  const track = eventStreamTracker(fastify);
  app.get('/api/v1/interviews/:id/question-events', { schema: questionEventsSchema, config: answer }, async (req, reply) => {
    const interviewId = req.params.id;
    await interviewForConsole({ db, actor: req.actor, interviewId });
    // Only this interview's notices, and only its id: the console reloads the queue itself.
    streamBusEvents(req, reply, {
      events: deps.events, channel: INTERVIEW_QUESTIONS_CHANNEL, event: 'questions', track,
      select: (data) => ((data as { id?: unknown } | null)?.id === interviewId ? { id: interviewId } : undefined),
    });
  });

  app.post('/api/v1/interview-questions/:id/decision', { schema: decideQuestionSchema, config: manage }, async (req) => {
    return { question: await decideQuestion({ db, actor: req.actor, questionId: req.params.id, decision: req.body.decision, deps }) };
  });

  app.post('/api/v1/interviews/:id/entries', { schema: postEntrySchema, config: answer }, async (req, reply) => {
    return reply.code(201).send(await postEntry({ db, actor: req.actor, interviewId: req.params.id, input: req.body, deps }));
  });

  // Multipart only here, with the picture limit.
  await app.register(async (scoped) => {
    await scoped.register(multipart, { throwFileSizeLimit: true, limits: { fileSize: MAX_IMAGE_BYTES, files: 1, fields: 5, parts: 6, headerPairs: 50 } });
    scoped.withTypeProvider<TypeBoxTypeProvider>().post('/api/v1/interviews/:id/images', { schema: uploadImageSchema, config: { ...answer, bodyReadByHandler: true } }, async (req, reply) => {
      let file: { fileName: string; bytes: Buffer } | undefined;
      try {
        const part = await req.file();
        if (part) file = { fileName: part.filename, bytes: await part.toBuffer() };
      } catch (err) {
        if ((err as { code?: unknown }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(InterviewErrors['interaction.interview.image_too_large'], { limit: formatBytes(MAX_IMAGE_BYTES) });
        throw err;
      }
      if (!file) throw new AppError(InterviewErrors['interaction.interview.image_missing']);
      return reply.code(201).send({ image: await uploadImage({ db, actor: req.actor, interviewId: req.params.id, file, deps }) });
    });
  });
}
