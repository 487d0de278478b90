import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  APPLICATION_STATUS_LABELS,
  CHANGE_KIND_LABELS,
  COUNCIL_KIND_LABELS,
  COUNCIL_RESULT_LABELS,
  COUNCIL_ROLE_LABELS,
  DOCUMENT_KIND_LABELS,
  PAYMENT_SOURCE_LABELS,
  PROJECT_FIELD_LABELS,
  PROJECT_LEVEL_LABELS,
  PROJECT_TYPE_LABELS,
} from '../../../domain/project-lifecycle';
import { AppError } from '../../errors';
import { databaseId, isoDate } from '../../validation';
import { buildApplicationsWorkbook, buildPortfolioWorkbook, buildProjectImportTemplate, buildProjectListWorkbook } from './projects.export';
import {
  advanceBody,
  applicationBody,
  applicationRowSchema,
  applicationsQuery,
  changeBody,
  configurationSchema,
  councilBody,
  councilRuleSchema,
  createProjectBody,
  decisionBody,
  documentSchema,
  followUpBody,
  idParams,
  importResultSchema,
  paymentBody,
  portfolioSchema,
  projectDetailSchema,
  projectFilterQuery,
  projectListQuery,
  projectRowSchema,
  reportBody,
  stageSchema,
  statisticsSchema,
  stopBody,
  updateProjectBody,
} from './projects.schemas';
import type { CouncilRules } from '../../../domain/project-lifecycle';
import type { Actor } from '../../../domain/policies';

const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Routes of the S&T projects module, under /api/v1/projects. */
export const projectRoutes: FastifyPluginAsyncZod = async (app) => {
  const { projects } = app.deps.services;
  const tags = ['projects'];
  const detailResponse = { 200: projectDetailSchema };
  const asOfQuery = z.object({ asOf: isoDate.optional() });

  app.get(
    '/projects/config',
    { schema: { tags, summary: 'Cấu hình quy trình: các bước, văn bản cần có, quy định chấm điểm của hội đồng, danh mục', response: { 200: configurationSchema } } },
    async (request) => {
      request.requireActor();
      const { stages, councilRules } = await projects.configuration();
      return {
        stages,
        councilRules,
        labels: {
          levels: PROJECT_LEVEL_LABELS,
          types: PROJECT_TYPE_LABELS,
          fields: PROJECT_FIELD_LABELS,
          councilKinds: COUNCIL_KIND_LABELS,
          councilRoles: COUNCIL_ROLE_LABELS,
          councilResults: COUNCIL_RESULT_LABELS,
          documentKinds: DOCUMENT_KIND_LABELS,
          changeKinds: CHANGE_KIND_LABELS,
          applicationStatuses: APPLICATION_STATUS_LABELS,
          paymentSources: PAYMENT_SOURCE_LABELS,
        },
      };
    },
  );

  app.put(
    '/projects/config/stages',
    { schema: { tags, summary: 'Thay cấu hình các bước của quy trình (quản trị hệ thống)', body: z.object({ stages: z.array(stageSchema).min(2).max(40) }), response: { 200: configurationSchema.pick({ stages: true, councilRules: true }) } } },
    async (request) => projects.updateStages(request.requireActor(), request.body.stages),
  );

  app.put(
    '/projects/config/councils',
    {
      schema: {
        tags,
        summary: 'Thay quy định chấm điểm, xếp loại của các hội đồng (quản trị hệ thống)',
        body: z.object({ rules: z.object({ definition: councilRuleSchema, evaluation: councilRuleSchema, acceptance: councilRuleSchema }) }),
        response: { 200: configurationSchema.pick({ stages: true, councilRules: true }) },
      },
    },
    async (request) => projects.updateCouncilRules(request.requireActor(), request.body.rules as CouncilRules),
  );

  app.get(
    '/projects',
    {
      schema: {
        tags,
        summary: 'Danh mục nhiệm vụ KH&CN tại một ngày (lọc theo cấp, giai đoạn, lĩnh vực, tổ chức chủ trì, tình trạng; mặc định quá hạn và có nguy cơ chậm lên đầu)',
        querystring: projectListQuery,
        response: { 200: z.object({ asOf: z.string(), total: z.number(), items: z.array(projectRowSchema) }) },
      },
    },
    async (request) => projects.list(request.requireActor(), request.query),
  );

  app.get(
    '/projects/export',
    { schema: { tags, summary: 'Xuất Excel danh mục nhiệm vụ KH&CN đã lọc', querystring: projectFilterQuery } },
    async (request, reply) => {
      const { asOf, items } = await projects.listAll(request.requireActor(), request.query);
      reply.header('content-type', xlsx).header('content-disposition', `attachment; filename="nhiem-vu-khcn-${asOf}.xlsx"`);
      return reply.send(await buildProjectListWorkbook(items, { asOf }));
    },
  );

  app.get(
    '/projects/portfolio',
    { schema: { tags, summary: 'Tổng hợp nhiệm vụ KH&CN tại một ngày: theo cấp, giai đoạn, lĩnh vực, tổ chức chủ trì; kinh phí kế hoạch và đã cấp theo năm', querystring: asOfQuery, response: { 200: portfolioSchema } } },
    async (request) => projects.portfolio(request.requireActor(), request.query),
  );

  app.get(
    '/projects/portfolio/export',
    { schema: { tags, summary: 'Xuất Excel tổng hợp nhiệm vụ KH&CN', querystring: asOfQuery } },
    async (request, reply) => {
      const portfolio = await projects.portfolio(request.requireActor(), request.query);
      reply.header('content-type', xlsx).header('content-disposition', `attachment; filename="tong-hop-nhiem-vu-khcn-${portfolio.asOf}.xlsx"`);
      return reply.send(await buildPortfolioWorkbook(portfolio));
    },
  );

  app.get(
    '/projects/stats',
    { schema: { tags, summary: 'Số liệu nhiệm vụ KH&CN tại một ngày: theo cấp, giai đoạn, tình trạng; tổng kinh phí', querystring: asOfQuery, response: { 200: statisticsSchema } } },
    async (request) => {
      // Published figures: every authenticated user sees them.
      request.requireActor();
      return projects.statistics(request.query);
    },
  );

  app.get(
    '/projects/applications',
    { schema: { tags, summary: 'Sổ theo dõi ứng dụng, chuyển giao kết quả nhiệm vụ KH&CN (theo dõi 2 năm)', querystring: applicationsQuery, response: { 200: z.object({ asOf: z.string(), total: z.number(), items: z.array(applicationRowSchema) }) } } },
    async (request) => projects.applications(request.requireActor(), request.query),
  );

  app.get(
    '/projects/applications/export',
    { schema: { tags, summary: 'Xuất Excel sổ theo dõi ứng dụng kết quả', querystring: applicationsQuery } },
    async (request, reply) => {
      const { asOf, items } = await projects.applications(request.requireActor(), request.query);
      reply.header('content-type', xlsx).header('content-disposition', `attachment; filename="ung-dung-ket-qua-${asOf}.xlsx"`);
      return reply.send(await buildApplicationsWorkbook(items, { asOf }));
    },
  );

  app.get('/projects/import/template', { schema: { tags, summary: 'Tải file mẫu danh sách nhiệm vụ KH&CN' } }, async (request, reply) => {
    request.requireActor();
    const year = Number(app.deps.clock.today().slice(0, 4));
    reply.header('content-type', xlsx).header('content-disposition', 'attachment; filename="mau-danh-sach-nhiem-vu-khcn.xlsx"');
    return reply.send(await buildProjectImportTemplate(year));
  });

  app.post(
    '/projects/import',
    {
      bodyLimit: 21 * 1024 * 1024,
      schema: { tags, summary: 'Nhập danh sách nhiệm vụ KH&CN đang quản lý từ Excel (multipart: file, dryRun) — tất cả hoặc không', consumes: ['multipart/form-data'], response: { 200: importResultSchema } },
    },
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
      const result = await projects.importProjects(actor, buffer, { dryRun });
      if (!result.ok && !dryRun) throw new AppError('IMPORT_FAILED', `Danh sách có ${result.errors.length} lỗi; chưa nhập nhiệm vụ nào. Vui lòng sửa và nhập lại.`, result);
      return result;
    },
  );

  app.post(
    '/projects',
    { schema: { tags, summary: 'Ghi nhận đề xuất nhiệm vụ KH&CN (bước đầu tiên của quy trình)', body: createProjectBody, response: { 201: projectDetailSchema } } },
    async (request, reply) => {
      const actor = request.requireActor();
      const id = await projects.create(actor, request.body);
      return reply.status(201).send(await projects.detail(actor, id));
    },
  );

  app.get(
    '/projects/:id',
    { schema: { tags, summary: 'Chi tiết nhiệm vụ KH&CN: các bước, diễn biến, hồ sơ, kinh phí, hội đồng, ứng dụng kết quả', params: idParams, querystring: asOfQuery, response: detailResponse } },
    async (request) => projects.detail(request.requireActor(), request.params.id, request.query.asOf),
  );

  app.patch(
    '/projects/:id',
    { schema: { tags, summary: 'Sửa thông tin nhiệm vụ KH&CN', params: idParams, body: updateProjectBody, response: detailResponse } },
    async (request) => {
      const actor = request.requireActor();
      return projects.detail(actor, await projects.update(actor, request.params.id, request.body));
    },
  );

  /** A write on one project answered with the project as it now stands. */
  const action = <B extends z.ZodType>(path: string, summary: string, body: B, run: (actor: Actor, id: number, body: z.infer<B>) => Promise<number>) => {
    app.post(`/projects/:id/${path}`, { schema: { tags, summary, params: idParams, body, response: detailResponse } }, async (request) => {
      const actor = request.requireActor();
      return projects.detail(actor, await run(actor, request.params.id, request.body as z.infer<B>));
    });
  };

  action('advance', 'Chuyển sang bước tiếp theo (có ngày, văn bản, quyết định)', advanceBody, (actor, id, body) => projects.advance(actor, id, body));
  action('councils', 'Ghi kết quả hội đồng (thành viên, điểm từng tiêu chí, biên bản); kết quả tính theo quy định', councilBody, (actor, id, body) => projects.recordCouncil(actor, id, body));
  action('documents', 'Thêm văn bản vào hồ sơ nhiệm vụ', documentSchema, (actor, id, body) => projects.addDocument(actor, id, body));
  action('payments', 'Ghi cấp kinh phí', paymentBody, (actor, id, body) => projects.addPayment(actor, id, body));
  action('reports', 'Báo cáo định kỳ 6 tháng hoặc kiểm tra giữa kỳ', reportBody, (actor, id, body) => projects.report(actor, id, body));
  action('changes', 'Đề nghị điều chỉnh nội dung, thành viên, kinh phí hoặc gia hạn', changeBody, (actor, id, body) => projects.requestChange(actor, id, body));
  action('stop', 'Dừng thực hiện nhiệm vụ (theo quyết định)', stopBody, (actor, id, body) => projects.stop(actor, id, body));
  action('applications', 'Ghi nhận ứng dụng, chuyển giao kết quả (theo dõi 2 năm)', applicationBody, (actor, id, body) => projects.recordApplication(actor, id, body));

  for (const decision of ['approve', 'reject'] as const) {
    app.post(
      `/projects/:id/changes/:requestId/${decision}`,
      {
        schema: {
          tags,
          summary: decision === 'approve' ? 'Chấp thuận đề nghị điều chỉnh (gia hạn có hiệu lực từ ngày chấp thuận)' : 'Không chấp thuận đề nghị điều chỉnh',
          params: idParams.extend({ requestId: databaseId }),
          body: decisionBody,
          response: detailResponse,
        },
      },
      async (req) => {
        const actor = req.requireActor();
        return projects.detail(actor, await projects.decideChange(actor, req.params.id, req.params.requestId, { ...req.body, approve: decision === 'approve' }));
      },
    );
  }

  app.post(
    '/projects/:id/applications/:applicationId/follow-ups',
    { schema: { tags, summary: 'Cập nhật tình hình ứng dụng kết quả', params: idParams.extend({ applicationId: databaseId }), body: followUpBody, response: detailResponse } },
    async (req) => {
      const actor = req.requireActor();
      return projects.detail(actor, await projects.followUpApplication(actor, req.params.id, req.params.applicationId, req.body));
    },
  );
};
