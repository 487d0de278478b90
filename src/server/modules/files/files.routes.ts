import { databaseId } from '../../validation';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../errors';

export const fileSchema = z.object({ id: z.number(), name: z.string(), size: z.number(), mimeType: z.string(), createdAt: z.date() });

export const fileRoutes: FastifyPluginAsyncZod = async (app) => {
  const { files } = app.deps.services;

  app.post(
    '/files',
    {
      bodyLimit: 21 * 1024 * 1024,
      schema: { tags: ['files'], summary: 'Tải lên tài liệu minh chứng (tối đa 20 MB, kiểm tra loại theo nội dung)', consumes: ['multipart/form-data'], response: { 201: fileSchema } },
    },
    async (request, reply) => {
      const actor = request.requireActor();
      if (!request.isMultipart()) throw new AppError('VALIDATION_ERROR', 'Vui lòng gửi tệp dạng multipart/form-data, trường "file".');
      const part = await request.file();
      if (!part) throw new AppError('VALIDATION_ERROR', 'Trường "file": chưa chọn tệp.');
      const content = await part.toBuffer();
      if (part.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE', `Tệp "${part.filename}" vượt quá 20 MB.`);
      const file = await files.upload(actor, { name: part.filename, content });
      return reply.status(201).send({ id: file.id, name: file.name, size: file.size, mimeType: file.mimeType, createdAt: file.createdAt });
    },
  );

  app.get('/files/:id', { schema: { tags: ['files'], summary: 'Tải xuống tệp', params: z.object({ id: databaseId }) } }, async (request, reply) => {
    const file = await files.download(request.requireActor(), request.params.id);
    reply.header('content-type', file.mimeType);
    reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`);
    return reply.send(file.content);
  });
};
