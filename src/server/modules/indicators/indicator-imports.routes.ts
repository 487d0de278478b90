import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../errors';

const reportSchema = z.object({
  ok: z.boolean(),
  dryRun: z.boolean(),
  created: z.number(),
  warnings: z.array(z.string()),
  errors: z.array(z.object({ row: z.number().nullable(), column: z.string().nullable(), header: z.string().nullable(), value: z.string().nullable(), message: z.string(), suggestions: z.array(z.string()) })),
});

const kinds = {
  indicators: { summary: 'Nhập danh mục chỉ tiêu từ Excel', method: 'importDefinitions' },
  'indicator-values': { summary: 'Nhập số liệu chỉ tiêu từ Excel', method: 'importValues' },
  'indicator-targets': { summary: 'Nhập chỉ tiêu kế hoạch từ Excel', method: 'importTargets' },
} as const;

export const indicatorImportRoutes: FastifyPluginAsyncZod = async (app) => {
  const service = app.deps.services.indicatorImports;
  for (const [kind, { summary, method }] of Object.entries(kinds)) {
    app.post(
      `/imports/${kind}`,
      { bodyLimit: 21 * 1024 * 1024, schema: { tags: ['imports'], summary: `${summary} (multipart: file, dryRun) — tất cả hoặc không`, consumes: ['multipart/form-data'], response: { 200: reportSchema } } },
      async (request) => {
        const actor = request.requireActor();
        if (!request.isMultipart()) throw new AppError('VALIDATION_ERROR', 'Vui lòng gửi dạng multipart/form-data với tệp Excel ở trường "file".');
        let buffer: Buffer | null = null;
        let dryRun = false;
        for await (const part of request.parts()) {
          if (part.type === 'file') {
            buffer = await part.toBuffer();
            if (part.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE', 'Tệp Excel vượt quá 20 MB.');
          } else if (part.fieldname === 'dryRun') {
            dryRun = String(part.value) === 'true';
          }
        }
        if (!buffer || buffer.length === 0) throw new AppError('VALIDATION_ERROR', 'Trường "file": chưa chọn tệp Excel (.xlsx).');
        const report = await service[method](actor, buffer, dryRun);
        if (!report.ok && !dryRun) throw new AppError('IMPORT_FAILED', `Tệp có ${report.errors.length} lỗi; chưa ghi dữ liệu nào. Vui lòng sửa và nhập lại.`, report);
        return report;
      },
    );
  }
};
