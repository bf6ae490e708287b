import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import multipart from '@fastify/multipart';
import type { Platform } from '../../platform/platform.js';
import { access } from '../../platform/identity/permissions.js';
import { AppError } from '../../platform/http/error-registry.js';
import { HttpErrors } from '../../platform/http/errors.js';
import { contentDeps } from './content-deps.js';
import { contentDisposition } from '../../platform/http/content-disposition.js';
import { createDocument } from './operations/create-document.js';
import { saveDocument } from './operations/save-document.js';
import { listDocuments } from './operations/list-documents.js';
import { readDocument, readEditions } from './operations/read-document.js';
import { diffDocument } from './operations/diff-document.js';
import { formatBytes, uploadAttachment } from './operations/upload-attachment.js';
import { deleteAttachment, openAttachment } from './operations/attachment-access.js';
import { ContentErrors } from './errors.js';
import {
  createSchema, deleteAttachmentSchema, diffSchema, downloadSchema, editionsSchema, getSchema, listSchema, optionsSchema, saveSchema, uploadSchema,
} from './documents.schemas.js';
import { DOCUMENT_GENRES } from './metadata/genres.js';
import { TOPIC_CATEGORY_TREE, TOPIC_CATEGORY_VERSION } from './metadata/topic-categories.js';
import { ALLOWED_TYPES } from './attachments/file-types.js';

/** Multipart parser failures that mean a malformed request, not a server fault. */
function isMalformedUpload(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  return (typeof code === 'string' && code.startsWith('FST_')) || /Unexpected end of form|terminated early|Malformed|boundary/i.test(err.message);
}

/**
 * Documents API: list (row-scoped, keyset), create, read, save with lock version, revision
 * history and diff, attachments (upload, staff download, delete from a draft). Every handler
 * calls an operation that checks the actor's scope on the document's column and audits writes.
 */
export async function documentsRoutes(fastify: FastifyInstance, { platform }: { platform: Platform }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const db = platform.db;
  const deps = contentDeps(platform);
  const read = { access: access.permission('documents.read') };
  const write = { access: access.permission('documents.write') };

  app.get('/api/v1/documents', { schema: listSchema, config: read },
    async (req) => listDocuments({ db, actor: req.actor, input: req.query }));

  // The pick-lists of the metadata form, from the same versioned data the server validates against.
  app.get('/api/v1/document-options', { schema: optionsSchema, config: read }, async () => ({
    genres: DOCUMENT_GENRES,
    topicCategories: { version: TOPIC_CATEGORY_VERSION, separator: '\\', tree: TOPIC_CATEGORY_TREE },
    uploadMaxBytes: deps.uploadMaxBytes,
    attachmentExtensions: Object.keys(ALLOWED_TYPES),
  }));

  app.post('/api/v1/documents', { schema: createSchema, config: write }, async (req, reply) => {
    const result = await createDocument({ db, actor: req.actor, input: req.body, deps });
    return reply.code(201).send(result);
  });

  app.get('/api/v1/documents/:id', { schema: getSchema, config: read },
    async (req) => readDocument({ db, actor: req.actor, documentId: req.params.id }));

  app.patch('/api/v1/documents/:id', { schema: saveSchema, config: write },
    async (req) => saveDocument({ db, actor: req.actor, documentId: req.params.id, input: req.body, deps }));

  app.get('/api/v1/documents/:id/editions', { schema: editionsSchema, config: read },
    async (req) => ({ items: await readEditions({ db, actor: req.actor, documentId: req.params.id }) }));

  app.get('/api/v1/documents/:id/diff', { schema: diffSchema, config: read },
    async (req) => diffDocument({ db, actor: req.actor, documentId: req.params.id, fromId: req.query.from, toId: req.query.to }));

  app.get('/api/v1/attachments/:id/download', { schema: downloadSchema, config: read }, async (req, reply) => {
    const { attachment, path } = await openAttachment({ db, actor: req.actor, attachmentId: req.params.id, deps });
    return reply
      .type(attachment.mime)
      .header('content-disposition', contentDisposition(attachment.originalName))
      .header('content-length', String(fs.statSync(path).size))
      .header('cache-control', 'private, no-store')
      .send(fs.createReadStream(path));
  });

  app.delete('/api/v1/attachments/:id', { schema: deleteAttachmentSchema, config: write }, async (req) => {
    await deleteAttachment({ db, actor: req.actor, attachmentId: req.params.id, deps });
    return { ok: true };
  });

  // Multipart is parsed only here, with limits: one file, no more than the configured size.
  await app.register(async (scoped) => {
    await scoped.register(multipart, {
      throwFileSizeLimit: true,
      limits: { fileSize: deps.uploadMaxBytes, files: 1, fields: 5, fieldSize: 1024, parts: 6, headerPairs: 50 },
    });
    scoped.withTypeProvider<TypeBoxTypeProvider>().post('/api/v1/documents/:id/attachments', { schema: uploadSchema, config: { ...write, bodyReadByHandler: true } }, async (req, reply) => {
      if (!req.isMultipart()) throw new AppError(HttpErrors['http.unsupported_media_type']);
      try {
        const part = await req.file();
        if (!part || part.fieldname !== 'file') {
          part?.file.resume();
          throw new AppError(ContentErrors['content.attachment.missing_file']);
        }
        const result = await uploadAttachment({
          db, actor: req.actor, documentId: req.params.id, deps,
          file: { filename: part.filename, stream: part.file, isTruncated: () => part.file.truncated },
        });
        return await reply.code(201).send(result);
      } catch (err) {
        if ((err as { code?: unknown }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(ContentErrors['content.attachment.too_large'], { limit: formatBytes(deps.uploadMaxBytes) });
        if (!(err instanceof AppError) && isMalformedUpload(err)) throw new AppError(HttpErrors['http.bad_request']);
        throw err;
      }
    });
  });
}
