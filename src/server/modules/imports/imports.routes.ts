import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../errors';
import { describeIssues, isoDate } from '../../validation';

const fieldsSchema = z.object({
  directive: z.string().trim().min(1).max(100),
  directiveTitle: z.string().trim().max(1000).optional(),
  issued: isoDate.optional(),
  planEnd: z.coerce.number().int().min(1945).max(2200).optional(),
  issuer: z.string().trim().min(1).max(40).optional(),
  dryRun: z.enum(['true', 'false']).default('false').transform((value) => value === 'true'),
});

const errorSchema = z.object({
  row: z.number().nullable(),
  column: z.string().nullable(),
  header: z.string().nullable(),
  value: z.string().nullable(),
  message: z.string(),
  suggestions: z.array(z.string()),
});

export const importResultSchema = z.object({
  ok: z.boolean(),
  dryRun: z.boolean(),
  created: z.number(),
  containers: z.number(),
  warnings: z.array(z.string()),
  errors: z.array(errorSchema),
  directive: z
    .object({ id: z.number().nullable(), number: z.string(), title: z.string(), issuedOn: z.string(), issuerCode: z.string(), created: z.boolean() })
    .nullable(),
  tasks: z.array(
    z.object({
      sheetRow: z.number(),
      group: z.string().nullable(),
      subgroup: z.string().nullable(),
      title: z.string(),
      leadCode: z.string(),
      leadName: z.string(),
      deadline: z.string().nullable(),
      isContinuous: z.boolean(),
      year: z.number().nullable(),
      completedOn: z.string().nullable(),
      coordinating: z.array(z.string()),
      coordinationNotes: z.array(z.string()),
      container: z.boolean(),
    }),
  ),
});

export const importRoutes: FastifyPluginAsyncZod = async (app) => {
  const { imports } = app.deps.services;

  app.post(
    '/imports/tasks',
    {
      bodyLimit: 21 * 1024 * 1024,
      schema: {
        tags: ['imports'],
        summary: 'Nhập bảng nhiệm vụ từ Excel (multipart: file, directive, directiveTitle, issued, planEnd, issuer, dryRun) — tất cả hoặc không',
        consumes: ['multipart/form-data'],
        response: { 200: importResultSchema },
      },
    },
    async (request) => {
      const actor = request.requireActor();
      if (!request.isMultipart()) throw new AppError('VALIDATION_ERROR', 'Vui lòng gửi dạng multipart/form-data với tệp Excel ở trường "file".');
      const fields: Record<string, string> = {};
      let buffer: Buffer | null = null;
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          buffer = await part.toBuffer();
          if (part.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE', 'Tệp Excel vượt quá 20 MB.');
        } else {
          fields[part.fieldname] = String(part.value);
        }
      }
      if (!buffer || buffer.length === 0) throw new AppError('VALIDATION_ERROR', 'Trường "file": chưa chọn tệp Excel (.xlsx).');
      const parsed = fieldsSchema.safeParse(fields);
      if (!parsed.success) throw new AppError('VALIDATION_ERROR', `Dữ liệu không hợp lệ: ${describeIssues(parsed.error.issues)}`);
      const result = await imports.importTasks(actor, buffer, parsed.data);
      if (!result.ok && !result.dryRun) {
        throw new AppError('IMPORT_FAILED', `Bảng nhiệm vụ có ${result.errors.length} lỗi; chưa nhập nhiệm vụ nào. Vui lòng sửa và nhập lại.`, result);
      }
      return result;
    },
  );
};
