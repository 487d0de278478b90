import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../errors';
import { organizationCode } from '../../validation';
import { INDEX_LEVELS, INDEX_METHODS } from '../../../domain/composite-index';
import { PEER_KINDS } from './indices.service';

const frameworkCode = z.string().trim().min(1).max(30);
const year = z.coerce.number().int().min(1900).max(2200);
const booleanText = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

const frameworkSchema = z.object({
  code: z.string(),
  name: z.string(),
  method: z.enum(INDEX_METHODS),
  outlierTreatment: z.boolean(),
  peerKind: z.enum(PEER_KINDS),
  updatedAt: z.date(),
});

const nodeSchema = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(INDEX_LEVELS),
  parentCode: z.string().nullable(),
  weight: z.number(),
  direction: z.enum(['higher', 'lower']),
  maxPoints: z.number().nullable(),
  indicatorCode: z.string().nullable(),
});

const nodeScores = z.record(z.string(), z.object({ score: z.number().nullable(), rank: z.number().nullable() }));
const peerResult = z.object({ org: z.string(), orgName: z.string(), score: z.number().nullable(), rank: z.number().nullable(), nodes: nodeScores });
const efficiencySchema = z
  .object({
    inputCode: z.string(),
    outputCode: z.string(),
    results: z.array(z.object({ org: z.string(), orgName: z.string(), ratio: z.number().nullable(), rank: z.number().nullable() })),
  })
  .nullable();
const comparison = z.object({ code: z.string(), name: z.string(), level: z.enum(INDEX_LEVELS), score: z.number().nullable(), rank: z.number(), difference: z.number() });
const scoreChange = {
  score: z.number().nullable(),
  rank: z.number().nullable(),
  previousScore: z.number().nullable(),
  previousRank: z.number().nullable(),
  scoreChange: z.number().nullable(),
  rankChange: z.number().nullable(),
};

const resultsSchema = frameworkSchema.extend({
  year: z.number(),
  org: z.string().nullable(),
  maxPoints: z.record(z.string(), z.number()).nullable(),
  results: z.array(peerResult.extend({ previousScore: z.number().nullable(), previousRank: z.number().nullable() })),
  efficiency: efficiencySchema,
  threshold: z.number(),
  strengths: z.array(comparison),
  weaknesses: z.array(comparison),
  change: z
    .object({
      previousYear: z.number(),
      ...scoreChange,
      nodes: z.array(z.object({ code: z.string(), name: z.string(), ...scoreChange })),
    })
    .nullable(),
  benchmarks: z.record(z.string(), z.object({ best: z.number().nullable(), median: z.number().nullable() })),
  outliers: z.array(z.object({ code: z.string(), kind: z.enum(['winsorised', 'log']), replaced: z.number(), skewness: z.number(), kurtosis: z.number() })),
  linkedValues: z.array(z.object({ code: z.string(), org: z.string(), indicatorCode: z.string(), value: z.number() })),
});

const reportSchema = z.object({
  ok: z.boolean(),
  dryRun: z.boolean(),
  created: z.number(),
  warnings: z.array(z.string()),
  errors: z.array(z.object({ row: z.number().nullable(), column: z.string().nullable(), header: z.string().nullable(), value: z.string().nullable(), message: z.string(), suggestions: z.array(z.string()) })),
});

const codeParams = z.object({ code: frameworkCode });

/** The Excel file and the dryRun flag of a multipart upload. */
async function readUpload(request: FastifyRequest): Promise<{ buffer: Buffer; dryRun: boolean }> {
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
  return { buffer, dryRun };
}

function refuseFailed<T extends { ok: boolean; dryRun: boolean; errors: unknown[] }>(report: T): T {
  if (!report.ok && !report.dryRun) throw new AppError('IMPORT_FAILED', `Tệp có ${report.errors.length} lỗi; chưa ghi dữ liệu nào. Vui lòng sửa và nhập lại.`, report);
  return report;
}

/** Composite indices (PII, DTI): frameworks, data, results, what-if and levers. */
export const indexRoutes: FastifyPluginAsyncZod = async (app) => {
  const { indices } = app.deps.services;

  app.get(
    '/indices',
    {
      schema: {
        tags: ['indices'],
        summary: 'Các chỉ số tổng hợp (PII, DTI…)',
        response: { 200: z.object({ items: z.array(frameworkSchema.extend({ nodeCount: z.number(), indicatorCount: z.number() })) }) },
      },
    },
    async (request) => {
      request.requireActor();
      return indices.list();
    },
  );

  app.get(
    '/indices/:code',
    {
      schema: {
        tags: ['indices'],
        summary: 'Một chỉ số tổng hợp: khung (cây chỉ số) và các năm có số liệu',
        params: codeParams,
        response: { 200: frameworkSchema.extend({ nodes: z.array(nodeSchema), years: z.array(z.object({ year: z.number(), values: z.number() })) }) },
      },
    },
    async (request) => {
      request.requireActor();
      return indices.detail(request.params.code);
    },
  );

  app.patch(
    '/indices/:code',
    {
      schema: {
        tags: ['indices'],
        summary: 'Sửa tên, phương pháp, xử lý giá trị ngoại lai hoặc nhóm so sánh của chỉ số',
        params: codeParams,
        body: z.object({
          name: z.string().trim().min(1).max(300).optional(),
          method: z.enum(INDEX_METHODS).optional(),
          outlierTreatment: z.boolean().optional(),
          peerKind: z.enum(PEER_KINDS).optional(),
        }),
        response: { 200: frameworkSchema },
      },
    },
    async (request) => indices.update(request.requireActor(), request.params.code, request.body),
  );

  app.delete('/indices/:code', { schema: { tags: ['indices'], summary: 'Xóa chỉ số tổng hợp cùng khung và số liệu', params: codeParams } }, async (request, reply) => {
    await indices.remove(request.requireActor(), request.params.code);
    return reply.status(204).send();
  });

  app.post(
    '/imports/index-framework',
    {
      bodyLimit: 21 * 1024 * 1024,
      schema: {
        tags: ['imports', 'indices'],
        summary: 'Nhập khung chỉ số từ Excel (Mã | Tên | Cấp | Thuộc | Trọng số | Chiều | Điểm tối đa; multipart: file, dryRun) — tất cả hoặc không',
        consumes: ['multipart/form-data'],
        querystring: z.object({
          code: frameworkCode,
          name: z.string().trim().max(300).optional(),
          method: z.enum(INDEX_METHODS).optional(),
          outlierTreatment: booleanText.optional(),
          peerKind: z.enum(PEER_KINDS).optional(),
        }),
        response: { 200: reportSchema.extend({ framework: frameworkSchema.nullable() }) },
      },
    },
    async (request) => {
      const actor = request.requireActor();
      const { buffer, dryRun } = await readUpload(request);
      return refuseFailed(await indices.importFramework(actor, buffer, { ...request.query, dryRun }));
    },
  );

  app.post(
    '/imports/index-data',
    {
      bodyLimit: 21 * 1024 * 1024,
      schema: {
        tags: ['imports', 'indices'],
        summary: 'Nhập số liệu chỉ số từ Excel (Mã chỉ tiêu | Đơn vị | Năm | Giá trị; multipart: file, dryRun) — tất cả hoặc không',
        consumes: ['multipart/form-data'],
        querystring: z.object({ code: frameworkCode }),
        response: { 200: reportSchema },
      },
    },
    async (request) => {
      const actor = request.requireActor();
      const { buffer, dryRun } = await readUpload(request);
      return refuseFailed(await indices.importData(actor, buffer, { code: request.query.code, dryRun }));
    },
  );

  app.get(
    '/indices/:code/results',
    {
      schema: {
        tags: ['indices'],
        summary: 'Điểm và thứ hạng mọi đơn vị ở mọi cấp; điểm mạnh, điểm yếu và thay đổi so với năm trước của một đơn vị (mặc định tỉnh 25)',
        params: codeParams,
        querystring: z.object({ year: year.optional(), org: organizationCode.optional(), threshold: z.coerce.number().int().min(1).max(1000).optional() }),
        response: { 200: resultsSchema },
      },
    },
    async (request) => {
      request.requireActor();
      return indices.results({ code: request.params.code, ...request.query });
    },
  );

  app.get(
    '/indices/:code/values',
    {
      schema: {
        tags: ['indices'],
        summary: 'Giá trị các chỉ tiêu của một đơn vị trong năm, cùng giá trị nhỏ nhất, lớn nhất, tốt nhất của nhóm so sánh',
        params: codeParams,
        querystring: z.object({ year: year.optional(), org: organizationCode.default('25') }),
        response: {
          200: z.object({
            code: z.string(),
            year: z.number(),
            org: z.string(),
            orgName: z.string(),
            items: z.array(
              nodeSchema.extend({
                value: z.number().nullable(),
                source: z.enum(['import', 'indicator']).nullable(),
                peers: z.number(),
                min: z.number().nullable(),
                max: z.number().nullable(),
                best: z.number().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      request.requireActor();
      return indices.values({ code: request.params.code, ...request.query });
    },
  );

  app.post(
    '/indices/:code/what-if',
    {
      schema: {
        tags: ['indices'],
        summary: 'Mô phỏng: thay đổi giá trị một số chỉ tiêu của một đơn vị, tính lại toàn bộ (không lưu)',
        params: codeParams,
        body: z.object({
          year,
          org: organizationCode,
          changes: z.record(z.string().trim().min(1).max(60), z.number().nullable()),
        }),
        response: {
          200: z.object({
            code: z.string(),
            year: z.number(),
            org: z.string(),
            orgName: z.string(),
            changes: z.record(z.string(), z.number().nullable()),
            before: z.object({ score: z.number().nullable(), rank: z.number().nullable(), nodes: nodeScores }),
            after: z.object({ score: z.number().nullable(), rank: z.number().nullable(), nodes: nodeScores }),
            score: z.number().nullable(),
            rank: z.number().nullable(),
            rankChange: z.number().nullable(),
            results: z.array(peerResult),
            efficiency: efficiencySchema,
          }),
        },
      },
    },
    async (request) => {
      request.requireActor();
      return indices.whatIf({ code: request.params.code, ...request.body });
    },
  );

  app.get(
    '/indices/:code/levers',
    {
      schema: {
        tags: ['indices'],
        summary: 'Đòn bẩy: với mỗi chỉ tiêu, mức cải thiện nhỏ nhất để tăng ít nhất một bậc xếp hạng, xếp theo nỗ lực tương đối',
        params: codeParams,
        querystring: z.object({ year: year.optional(), org: organizationCode.default('25'), limit: z.coerce.number().int().min(1).max(500).optional() }),
        response: {
          200: z.object({
            code: z.string(),
            year: z.number(),
            org: z.string(),
            orgName: z.string(),
            score: z.number().nullable(),
            rank: z.number().nullable(),
            peers: z.number(),
            levers: z.array(
              z.object({
                code: z.string(),
                name: z.string(),
                parentCode: z.string().nullable(),
                direction: z.enum(['higher', 'lower']),
                value: z.number(),
                target: z.number(),
                improvement: z.number(),
                relativeEffort: z.number(),
                rank: z.number(),
                newRank: z.number(),
                score: z.number(),
                newScore: z.number(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      request.requireActor();
      return indices.levers({ code: request.params.code, ...request.query });
    },
  );
};
